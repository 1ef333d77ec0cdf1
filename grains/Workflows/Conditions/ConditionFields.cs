using System.Globalization;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Conditions;

/// <summary>
/// The order facts a condition may read, by name (case-insensitive). The <c>return…</c> fields exist only in flows
/// triggered by a return request (elsewhere reading them is an evaluation error, which opens a manual review). Time fields are in UTC:
/// <c>hour</c> is 0-23, <c>timeOfDay</c> is "HH:mm" text (so <c>timeOfDay &gt;= "09:30"</c> works).
/// </summary>
internal static class ConditionFields
{
    private static readonly Dictionary<string, (ConditionType Type, Func<OrderFacts, DateTimeOffset, object?> Read)> Fields =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["platform"] = (ConditionType.Text, (o, _) => o.Platform.ToString()),
            ["account"] = (ConditionType.Text, (o, _) => o.Account),
            ["total"] = (ConditionType.Number, (o, _) => o.GrandTotal),
            ["grandTotal"] = (ConditionType.Number, (o, _) => o.GrandTotal),
            ["currency"] = (ConditionType.Text, (o, _) => o.Currency),
            ["itemCount"] = (ConditionType.Number, (o, _) => (decimal)o.ItemCount),
            ["skus"] = (ConditionType.TextList, (o, _) => o.Skus),
            ["tags"] = (ConditionType.TextList, (o, _) => o.Tags),
            ["country"] = (ConditionType.Text, (o, _) => o.Country),
            ["status"] = (ConditionType.Text, (o, _) => o.Status.ToString()),
            ["hour"] = (ConditionType.Number, (_, now) => (decimal)now.UtcDateTime.Hour),
            ["returnValue"] = (ConditionType.Number, (o, _) => o.Return?.Value),
            ["returnReasons"] = (ConditionType.TextList, (o, _) => o.Return?.ReasonCodes),
            ["returnChannel"] = (ConditionType.Text, (o, _) => o.Return?.Channel),
            ["returnAutoApproveBelow"] = (ConditionType.Number, (o, _) => o.Return?.AutoApproveBelow),
            ["returnReviewReason"] = (ConditionType.Boolean, (o, _) => o.Return?.ReviewReason),
            ["timeOfDay"] = (ConditionType.Text, (_, now) => now.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)),
        };

    public static IEnumerable<string> Names => Fields.Keys;

    public static bool TryGetType(string name, out ConditionType type)
    {
        var found = Fields.TryGetValue(name, out var field);
        type = field.Type;
        return found;
    }

    public static object? Read(string name, OrderFacts order, DateTimeOffset now) => Fields[name].Read(order, now);
}
