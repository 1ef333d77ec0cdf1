using System.Globalization;
using Dapper;
using OrderActors.Database;

namespace OrderActors.ReadModel;

/// <summary>
/// Reads the statistics cells kept by the projection: whole days from the daily cells, the partial days at the ends
/// of the range from the hourly cells, orders per hour from the hour-and-platform cells. A week is about two thousand
/// cells whatever the number of orders.
/// </summary>
public sealed class OrderStatisticsQueries(ReadModelDatabase database)
{
    private const string NoRevenueStatuses = "'Cancelled', 'Returned', 'Refunded'";

    private static readonly HashSet<string> NoRevenue = new(StringComparer.Ordinal) { "Cancelled", "Returned", "Refunded" };

    public async Task<OrderStatistics> GetAsync(DateTimeOffset from, DateTimeOffset to, string? platform, CancellationToken cancellationToken = default)
    {
        var dialect = database.Dialect;
        var range = StatsRange.Of(from, to);
        var parameters = new DynamicParameters(new { platform });
        parameters.Add("fromHour", SqlTime.ToDb(range.FromHour, dialect));
        parameters.Add("toHour", SqlTime.ToDb(range.ToHour, dialect));
        parameters.Add("leadFrom", SqlTime.ToDb(range.LeadingHours.From, dialect));
        parameters.Add("leadTo", SqlTime.ToDb(range.LeadingHours.To, dialect));
        parameters.Add("trailFrom", SqlTime.ToDb(range.TrailingHours.From, dialect));
        parameters.Add("trailTo", SqlTime.ToDb(range.TrailingHours.To, dialect));
        var (firstDay, endDays) = range.HasFullDays ? (range.FirstFullDay, range.EndFullDays) : (range.FromHour.Date, range.FromHour.Date);
        parameters.Add("firstDay", dialect == SqlDialect.MySql ? firstDay : firstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        parameters.Add("endDays", dialect == SqlDialect.MySql ? endDays : endDays.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var onPlatform = platform is null ? "" : " AND platform = @platform";
        var days = "day >= @firstDay AND day < @endDays" + onPlatform;
        var edgeHours = "((hour >= @leadFrom AND hour < @leadTo) OR (hour >= @trailFrom AND hour < @trailTo))" + onPlatform;
        var perHour = "SELECT hour AS Hour, SUM(order_count) AS OrderCount FROM order_stats_hour_platform " +
                      "WHERE hour >= @fromHour AND hour < @toHour" + onPlatform + " GROUP BY hour HAVING SUM(order_count) <> 0";

        await using var connection = await database.OpenForReadsAsync(cancellationToken);
        if (dialect == SqlDialect.MySql)
        {
            var sql =
                "SELECT platform AS Platform, status AS Status, SUM(order_count) AS OrderCount FROM (" +
                $"SELECT platform, status, order_count FROM order_stats_daily WHERE {days} UNION ALL " +
                $"SELECT platform, status, order_count FROM order_stats_hourly WHERE {edgeHours}) c " +
                "GROUP BY platform, status HAVING SUM(order_count) <> 0;" +
                "SELECT day AS Day, currency AS Currency, SUM(order_count) AS OrderCount, SUM(revenue) AS Revenue FROM (" +
                $"SELECT day, currency, order_count, revenue FROM order_stats_daily WHERE {days} AND status NOT IN ({NoRevenueStatuses}) UNION ALL " +
                $"SELECT DATE(hour), currency, order_count, revenue FROM order_stats_hourly WHERE {edgeHours} AND status NOT IN ({NoRevenueStatuses})) c " +
                "GROUP BY day, currency HAVING SUM(order_count) <> 0;" +
                perHour;
            await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            var counts = (await grid.ReadAsync<(string Platform, string Status, decimal OrderCount)>()).ToList();
            var revenue = (await grid.ReadAsync<(DateTime Day, string Currency, decimal OrderCount, decimal Revenue)>()).ToList();
            var hours = (await grid.ReadAsync<(DateTime Hour, decimal OrderCount)>()).ToList();
            return Build(
                from, to,
                counts.Select(c => new StatusPlatformCount(c.Platform, c.Status, (long)c.OrderCount)),
                revenue.Select(r => new DailyRevenue(DateOnly.FromDateTime(r.Day), r.Currency, (long)r.OrderCount, r.Revenue)),
                hours.Select(h => new HourlyCount(SqlTime.FromDb(h.Hour), (long)h.OrderCount)));
        }

        // SQLite keeps money as exact text, which its SUM would turn into floating point: roll up here instead.
        var cellSql =
            $"SELECT day AS Day, platform AS Platform, status AS Status, currency AS Currency, order_count AS OrderCount, revenue AS Revenue FROM order_stats_daily WHERE {days} " +
            "UNION ALL " +
            $"SELECT substr(hour, 1, 10), platform, status, currency, order_count, revenue FROM order_stats_hourly WHERE {edgeHours}";
        var cells = (await connection.QueryAsync<CellRow>(new CommandDefinition(cellSql, parameters, cancellationToken: cancellationToken)))
            .Where(c => c.OrderCount != 0)
            .Select(c => (Day: DateOnly.ParseExact(c.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), c.Platform, c.Status, c.Currency, c.OrderCount, Revenue: SqlValues.ReadMoney(c.Revenue)))
            .ToList();
        var hourCells = await connection.QueryAsync<(string Hour, long OrderCount)>(new CommandDefinition(perHour, parameters, cancellationToken: cancellationToken));
        return Build(
            from, to,
            cells.GroupBy(c => (c.Platform, c.Status)).Select(g => new StatusPlatformCount(g.Key.Platform, g.Key.Status, g.Sum(c => c.OrderCount))),
            cells.Where(c => !NoRevenue.Contains(c.Status)).GroupBy(c => (c.Day, c.Currency))
                .Select(g => new DailyRevenue(g.Key.Day, g.Key.Currency, g.Sum(c => c.OrderCount), g.Sum(c => c.Revenue))),
            hourCells.Select(h => new HourlyCount(SqlTime.FromDb(h.Hour), h.OrderCount)));
    }

    private static OrderStatistics Build(
        DateTimeOffset from, DateTimeOffset to, IEnumerable<StatusPlatformCount> counts, IEnumerable<DailyRevenue> revenue, IEnumerable<HourlyCount> hours)
    {
        var byStatus = counts.Where(c => c.Count != 0).OrderBy(c => c.Platform, StringComparer.Ordinal).ThenBy(c => c.Status, StringComparer.Ordinal).ToList();
        return new OrderStatistics(
            from,
            to,
            byStatus.Sum(c => c.Count),
            byStatus,
            revenue.Where(r => r.Orders != 0).OrderBy(r => r.Day).ThenBy(r => r.Currency, StringComparer.Ordinal).ToList(),
            hours.Where(h => h.Count != 0).OrderBy(h => h.Hour).ToList());
    }

    private sealed class CellRow
    {
        public string Day { get; set; } = "";
        public string Platform { get; set; } = "";
        public string Status { get; set; } = "";
        public string Currency { get; set; } = "";
        public long OrderCount { get; set; }
        public object Revenue { get; set; } = 0m;
    }
}
