using System.Globalization;
using System.Text.Json;

namespace OrderActors.Marketplaces;

/// <summary>Lenient readers for platform JSON: money as numbers or strings to decimal, the platforms' mixed time formats to UTC.</summary>
internal static class Json
{
    public static JsonElement? Prop(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? v : null;

    public static string? Str(this JsonElement e, string name) => e.Prop(name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public static string? NonEmpty(this JsonElement e, string name) => e.Str(name) is { Length: > 0 } s ? s : null;

    /// <summary>A decimal from a JSON number (read from its text, so 12.3 stays 12.3) or a decimal string.</summary>
    public static decimal? Dec(this JsonElement e, string name) => e.Prop(name) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDecimal(),
        { ValueKind: JsonValueKind.String } v when decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static long? Long(this JsonElement e, string name) => e.Prop(name) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetInt64(),
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    public static bool Bool(this JsonElement e, string name) => e.Prop(name) is { ValueKind: JsonValueKind.True };

    public static IEnumerable<JsonElement> Arr(this JsonElement e, string name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    public static DateTimeOffset? UnixSeconds(this JsonElement e, string name) =>
        e.Long(name) is { } s and > 0 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    /// <summary>ISO 8601 with an offset (Lazada, Shopify) to UTC.</summary>
    public static DateTimeOffset? Iso(this JsonElement e, string name) =>
        e.Str(name) is { Length: > 0 } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : null;

    public static string Unix(DateTimeOffset t) => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>An exclusive upper bound at whole-second precision, rounded up so the last partial second is read too
    /// (reading a little past the window is harmless; the next sync's overlap covers what is written later).</summary>
    public static DateTimeOffset CeilingSecond(DateTimeOffset t) =>
        DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds() + (t.ToUnixTimeMilliseconds() % 1000 == 0 ? 0 : 1));
}
