using OrderActors.Database;
using OrderActors.Grains.Orders.HandOvers;

namespace OrderActors.ReadModel;

/// <summary>The rows of <c>pending_order_handovers</c>: written by the order projection, read and cleared by the index.</summary>
public static class PendingHandOverRows
{
    public const string Table = "pending_order_handovers";

    public static readonly IReadOnlyList<string> Columns = ["order_id", "order_version", "attempt_at"];

    /// <summary>
    /// Appended to the multi-row INSERT: a mark already there keeps its attempt time (only the sweep moves it) and takes
    /// the newer version, so a clear of an older version cannot remove the mark of a hand-over recorded since.
    /// </summary>
    public static string KeepOrRaiseVersion(SqlDialect dialect) => dialect == SqlDialect.MySql
        ? " ON DUPLICATE KEY UPDATE order_version = GREATEST(order_version, VALUES(order_version))"
        : " ON CONFLICT(order_id) DO UPDATE SET order_version = max(order_version, excluded.order_version)";

    /// <summary>One row per order (its newest version), in key order (so concurrent writers take their row locks in the same order).</summary>
    public static IReadOnlyList<object?[]> For(IEnumerable<HandOverMark> marks, DateTimeOffset attemptAt, SqlDialect dialect) =>
        marks.GroupBy(m => m.OrderId)
            .Select(g => (Id: g.Key.ToString(), Version: g.Max(m => m.OrderVersion)))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => new object?[] { m.Id, m.Version, SqlTime.ToDb(attemptAt, dialect) })
            .ToList();
}
