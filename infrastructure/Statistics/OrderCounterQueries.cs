using Dapper;
using OrderActors.Database;

namespace OrderActors.Statistics;

/// <summary>Counts for dashboard widgets: one grouped query over today's range of the order-date index.</summary>
public sealed class OrderCounterQueries(ReadModelDatabase database, TimeProvider time)
{
    public async Task<OrderCounters> TodayAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var from = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Platform, string Status, long Count)>(new CommandDefinition(
            "SELECT platform, status, COUNT(*) FROM orders WHERE order_date >= @from AND order_date < @to GROUP BY platform, status",
            new { from = SqlTime.ToDb(from, database.Dialect), to = SqlTime.ToDb(from.AddDays(1), database.Dialect) },
            cancellationToken: cancellationToken)))
            .Select(r => new PlatformStatusCount(r.Platform, r.Status, (int)r.Count))
            .OrderBy(r => r.Platform, StringComparer.Ordinal).ThenBy(r => r.Status, StringComparer.Ordinal)
            .ToList();
        return new OrderCounters(
            today,
            rows.Sum(r => r.Count),
            rows.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            rows.GroupBy(r => r.Platform).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            rows);
    }
}
