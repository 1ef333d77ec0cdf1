using System.Globalization;
using System.Text;

namespace OrderActors.ReadModel;

/// <summary>
/// The keyset position of the last row of a page: the sort it belongs to, that row's sort key and its id,
/// as an opaque URL-safe string.
/// </summary>
public sealed record OrderListCursor(string Sort, string Key, Guid Id)
{
    public string Encode()
    {
        var text = $"{Sort}|{Key}|{Id:N}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static OrderListCursor ForDate(OrderSort sort, DateTimeOffset value, Guid id) =>
        new(sort.Name, value.UtcTicks.ToString(CultureInfo.InvariantCulture), id);

    public static OrderListCursor ForMoney(OrderSort sort, decimal value, Guid id) =>
        new(sort.Name, value.ToString(CultureInfo.InvariantCulture), id);

    public DateTimeOffset DateKey => new(long.Parse(Key, CultureInfo.InvariantCulture), TimeSpan.Zero);

    public decimal MoneyKey => decimal.Parse(Key, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static bool TryDecode(string? value, out OrderListCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || value.Length > 200)
        {
            return false;
        }
        try
        {
            var base64 = value.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('|');
            if (parts.Length != 3 || OrderSort.Parse(parts[0]) is not { } sort || !Guid.TryParseExact(parts[2], "N", out var id))
            {
                return false;
            }
            var keyIsValid = sort.IsMoney
                ? decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out _)
                : long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                  && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks;
            if (keyIsValid)
            {
                cursor = new OrderListCursor(parts[0], parts[1], id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
