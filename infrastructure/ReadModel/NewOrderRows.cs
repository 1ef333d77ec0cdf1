using OrderActors.Database;
using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>
/// Every row that orders new to the read model add, table by table: what the projection's batch path and the
/// benchmark seeder insert, so a seeded read model is the same as a projected one.
/// </summary>
public static class NewOrderRows
{
    /// <summary>Rows of the order tables (orders, items, history, duplicate candidates, search terms); statistics are <see cref="StatsDeltas"/>.</summary>
    public static IReadOnlyList<TableRows> For(IReadOnlyList<OrderDetails> orders, SqlDialect dialect)
    {
        var rows = orders.Select(o => (Order: o, Terms: SearchTerms.For(o))).ToList();
        return
        [
            new TableRows("orders", OrderRow.Columns, rows.Select(r => OrderRow.From(r.Order, dialect, r.Terms).Values()).ToList()),
            new TableRows("order_items", ChildRows.ItemColumns, orders.SelectMany(o => ChildRows.Items(o, dialect)).ToList()),
            new TableRows("order_status_history", ChildRows.HistoryColumns, orders.SelectMany(o => ChildRows.History(o, 0, dialect)).ToList()),
            new TableRows("order_duplicate_candidates", ChildRows.DuplicateColumns, orders.SelectMany(o => ChildRows.Duplicates(o, dialect)).ToList()),
            new TableRows("order_search_terms", ChildRows.TermColumns, rows.SelectMany(r => ChildRows.Terms(r.Order, r.Terms, dialect)).ToList(), IgnoreDuplicates: true),
        ];
    }

    /// <summary>What the orders add to the statistics: one order and its grand total in its bucket each.</summary>
    public static IReadOnlyList<StatsDelta> StatsDeltas(IEnumerable<OrderDetails> orders) =>
        orders.Select(o => new StatsDelta(StatsBucket.Of(o), 1, o.Totals.GrandTotal)).ToList();

    /// <summary>MariaDB: the statistics upserts for the deltas, one statement per table.</summary>
    public static IReadOnlyList<TableRows> MySqlStats(IReadOnlyList<StatsDelta> deltas) =>
        StatsTable.All.Select(t =>
        {
            var (rows, suffix) = t.MySqlUpsert(deltas);
            return new TableRows(t.Name, t.Columns, rows, Suffix: suffix);
        }).ToList();
}
