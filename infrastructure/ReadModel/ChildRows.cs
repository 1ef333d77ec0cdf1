using OrderActors.Database;
using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>Rows of the child tables of one order (items, status history, duplicate candidates, search terms).</summary>
internal static class ChildRows
{
    public static readonly string[] ItemColumns = ["order_id", "line_no", "sku", "name", "variant", "quantity", "unit_price", "discount", "line_total"];

    public static readonly string[] HistoryColumns = ["order_id", "seq", "kind", "from_state", "to_state", "actor_kind", "actor_id", "actor_name", "reason", "at", "operation_id"];

    public static readonly string[] DuplicateColumns = ["order_id", "other_order_id", "score", "reasons", "decision", "primary_order_id", "detected_at", "decided_at", "decided_by"];

    public static readonly string[] TermColumns = ["term", "order_id", "order_day"];

    public static IEnumerable<object?[]> Items(OrderDetails order, SqlDialect dialect) =>
        order.Items.Select((item, line) => new object?[]
        {
            order.Id.ToString(), line, item.Sku, item.Name, item.Variant, item.Quantity,
            SqlValues.Money(item.UnitPrice, dialect), SqlValues.Money(item.Discount, dialect), SqlValues.Money(item.LineTotal, dialect),
        });

    public static IEnumerable<object?[]> History(OrderDetails order, int fromSeq, SqlDialect dialect) =>
        order.History.Select((entry, seq) => (entry, seq)).Skip(fromSeq).Select(h => new object?[]
        {
            order.Id.ToString(), h.seq, h.entry.Kind, h.entry.From, h.entry.To, h.entry.Actor.Kind.ToString(),
            Clip(h.entry.Actor.Id, 200), Clip(h.entry.Actor.DisplayName, 200), Clip(h.entry.Reason, 1000),
            SqlTime.ToDb(h.entry.At, dialect), Clip(h.entry.OperationId, 250),
        });

    public static IEnumerable<object?[]> Duplicates(OrderDetails order, SqlDialect dialect) =>
        order.Duplicates.Select(d => new object?[]
        {
            order.Id.ToString(), d.OtherOrderId.ToString(), d.Score, Clip(string.Join("; ", d.Reasons), 500), d.Decision.ToString(),
            d.PrimaryOrderId?.ToString(), SqlTime.ToDb(d.DetectedAt, dialect),
            d.DecidedAt is { } at ? SqlTime.ToDb(at, dialect) : null, Clip(d.DecidedBy?.ToString(), 200),
        });

    public static IEnumerable<object?[]> Terms(OrderDetails order, IReadOnlyList<string> terms, SqlDialect dialect) =>
        terms.Select(t => new object?[] { t, order.Id.ToString(), OrderDay.ToDb(OrderDay.Of(order.OrderDate), dialect) });

    private static string? Clip(string? text, int max) => text is not null && text.Length > max ? text[..max] : text;
}
