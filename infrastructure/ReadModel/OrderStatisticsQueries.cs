using Dapper;
using OrderActors.Database;

namespace OrderActors.ReadModel;

/// <summary>Reads the hourly statistics cells kept by the projection and rolls them up for dashboard widgets.</summary>
public sealed class OrderStatisticsQueries(ReadModelDatabase database)
{
    private static readonly HashSet<string> NoRevenue = new(StringComparer.Ordinal) { "Cancelled", "Returned", "Refunded" };

    public async Task<OrderStatistics> GetAsync(DateTimeOffset from, DateTimeOffset to, string? platform, CancellationToken cancellationToken = default)
    {
        var dialect = database.Dialect;
        var range = "hour >= @from AND hour < @to AND order_count <> 0" + (platform is null ? "" : " AND platform = @platform");
        var parameters = new
        {
            from = SqlTime.ToDb(StatsBucket.TruncateToHour(from.UtcDateTime), dialect),
            to = SqlTime.ToDb(to, dialect),
            platform,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        if (dialect == SqlDialect.MySql)
        {
            // MariaDB sums the cells itself: a month of cells is tens of thousands of rows, the answer a few hundred.
            var sql =
                $"SELECT platform AS Platform, status AS Status, SUM(order_count) AS OrderCount FROM order_stats_hourly WHERE {range} GROUP BY platform, status;" +
                $"SELECT DATE(hour) AS Day, currency AS Currency, SUM(order_count) AS OrderCount, SUM(revenue) AS Revenue FROM order_stats_hourly WHERE {range} " +
                "AND status NOT IN ('Cancelled', 'Returned', 'Refunded') GROUP BY DATE(hour), currency;" +
                $"SELECT hour AS Hour, SUM(order_count) AS OrderCount FROM order_stats_hourly WHERE {range} GROUP BY hour";
            await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            var counts = (await grid.ReadAsync<(string Platform, string Status, decimal OrderCount)>()).ToList();
            var revenue = (await grid.ReadAsync<(DateTime Day, string Currency, decimal OrderCount, decimal Revenue)>()).ToList();
            var hours = (await grid.ReadAsync<(DateTime Hour, decimal OrderCount)>()).ToList();
            return new OrderStatistics(
                from,
                to,
                (long)counts.Sum(c => c.OrderCount),
                counts.Select(c => new StatusPlatformCount(c.Platform, c.Status, (long)c.OrderCount))
                    .OrderBy(c => c.Platform, StringComparer.Ordinal).ThenBy(c => c.Status, StringComparer.Ordinal).ToList(),
                revenue.Select(r => new DailyRevenue(DateOnly.FromDateTime(r.Day), r.Currency, (long)r.OrderCount, r.Revenue))
                    .OrderBy(r => r.Day).ThenBy(r => r.Currency, StringComparer.Ordinal).ToList(),
                hours.Select(h => new HourlyCount(SqlTime.FromDb(h.Hour), (long)h.OrderCount)).OrderBy(h => h.Hour).ToList());
        }

        // SQLite keeps money as exact text, which its SUM would turn into floating point: roll up here instead.
        var cells = (await connection.QueryAsync<CellRow>(new CommandDefinition(
            "SELECT hour AS Hour, platform AS Platform, status AS Status, currency AS Currency, order_count AS OrderCount, revenue AS Revenue " +
            "FROM order_stats_hourly WHERE " + range, parameters, cancellationToken: cancellationToken)))
            .Select(c => (Hour: SqlTime.FromDb(c.Hour), c.Platform, c.Status, c.Currency, c.OrderCount, Revenue: SqlValues.ReadMoney(c.Revenue))).ToList();
        return new OrderStatistics(
            from,
            to,
            cells.Sum(c => c.OrderCount),
            cells.GroupBy(c => (c.Platform, c.Status)).Select(g => new StatusPlatformCount(g.Key.Platform, g.Key.Status, g.Sum(c => c.OrderCount)))
                .OrderBy(c => c.Platform, StringComparer.Ordinal).ThenBy(c => c.Status, StringComparer.Ordinal).ToList(),
            cells.Where(c => !NoRevenue.Contains(c.Status)).GroupBy(c => (Day: DateOnly.FromDateTime(c.Hour.UtcDateTime), c.Currency))
                .Select(g => new DailyRevenue(g.Key.Day, g.Key.Currency, g.Sum(c => c.OrderCount), g.Sum(c => c.Revenue)))
                .OrderBy(r => r.Day).ThenBy(r => r.Currency, StringComparer.Ordinal).ToList(),
            cells.GroupBy(c => c.Hour).Select(g => new HourlyCount(g.Key, g.Sum(c => c.OrderCount))).OrderBy(h => h.Hour).ToList());
    }

    private sealed class CellRow
    {
        public object Hour { get; set; } = "";
        public string Platform { get; set; } = "";
        public string Status { get; set; } = "";
        public string Currency { get; set; } = "";
        public long OrderCount { get; set; }
        public object Revenue { get; set; } = 0m;
    }
}
