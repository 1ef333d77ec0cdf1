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
        var sql = "SELECT hour AS Hour, platform AS Platform, status AS Status, currency AS Currency, order_count AS OrderCount, revenue AS Revenue " +
                  "FROM order_stats_hourly WHERE hour >= @from AND hour < @to AND order_count <> 0" + (platform is null ? "" : " AND platform = @platform");
        await using var connection = await database.OpenAsync(cancellationToken);
        var cells = (await connection.QueryAsync<CellRow>(new CommandDefinition(sql, new
        {
            from = SqlTime.ToDb(StatsBucket.TruncateToHour(from.UtcDateTime), dialect),
            to = SqlTime.ToDb(to, dialect),
            platform,
        }, cancellationToken: cancellationToken))).Select(c => (Hour: SqlTime.FromDb(c.Hour), c.Platform, c.Status, c.Currency, c.OrderCount, Revenue: SqlValues.ReadMoney(c.Revenue))).ToList();

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
