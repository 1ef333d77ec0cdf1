using System.Globalization;
using OrderActors.Database;

namespace OrderActors.ReadModel;

/// <summary>
/// One statistics table the projection keeps: its key columns, how a bucket maps to a key, and whether it sums revenue.
/// Every order counts in exactly one cell of each table, so moving an order is one decrement and one increment per table.
/// </summary>
public sealed record StatsTable(string Name, IReadOnlyList<string> KeyColumns, bool HasRevenue, Func<StatsBucket, SqlDialect, object?[]> Key)
{
    public static readonly StatsTable Hourly = new(
        "order_stats_hourly", ["hour", "platform", "status", "currency"], true,
        (b, d) => [SqlTime.ToDb(b.Hour, d), b.Platform, b.Status, b.Currency]);

    public static readonly StatsTable Daily = new(
        "order_stats_daily", ["day", "platform", "status", "currency"], true,
        (b, d) => [OrderDay.ToDb(b.Hour, d), b.Platform, b.Status, b.Currency]);

    public static readonly StatsTable HourPlatform = new(
        "order_stats_hour_platform", ["hour", "platform"], false,
        (b, d) => [SqlTime.ToDb(b.Hour, d), b.Platform]);

    /// <summary>All statistics tables, in the order every writer touches them (so concurrent projections cannot deadlock).</summary>
    public static readonly IReadOnlyList<StatsTable> All = [Hourly, Daily, HourPlatform];

    public IReadOnlyList<string> Columns => [.. KeyColumns, "order_count", .. HasRevenue ? new[] { "revenue" } : []];

    /// <summary>The deltas summed per cell of this table, in key order; cells whose change nets to nothing are left out.</summary>
    public IReadOnlyList<(object?[] Key, long Count, decimal Revenue)> Cells(IEnumerable<StatsDelta> deltas, SqlDialect dialect) =>
        deltas.GroupBy(d => KeyText(Key(d.Bucket, SqlDialect.Sqlite)), StringComparer.Ordinal)
            .Select(g => (Text: g.Key, Key: Key(g.First().Bucket, dialect), Count: g.Sum(d => d.Count), Revenue: HasRevenue ? g.Sum(d => d.Revenue) : 0m))
            .Where(c => c.Count != 0 || c.Revenue != 0)
            .OrderBy(c => c.Text, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Count, c.Revenue))
            .ToList();

    /// <summary>MariaDB: rows and the ON DUPLICATE KEY clause that add the deltas to the cells in one statement.</summary>
    public (IReadOnlyList<object?[]> Rows, string Suffix) MySqlUpsert(IEnumerable<StatsDelta> deltas) =>
        (Cells(deltas, SqlDialect.MySql).Select(c => HasRevenue ? [.. c.Key, c.Count, c.Revenue] : (object?[])[.. c.Key, c.Count]).ToList(),
         " ON DUPLICATE KEY UPDATE order_count = order_count + VALUES(order_count)" + (HasRevenue ? ", revenue = revenue + VALUES(revenue)" : ""));

    // Keys rendered as SQLite text sort like the MySQL keys (ISO times, then ordinal strings).
    private static string KeyText(object?[] key) => string.Join('\u0001', key.Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)));
}
