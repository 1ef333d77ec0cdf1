using Dapper;
using OrderActors.Database;
using OrderActors.Orders;
using OrderActors.ReadModel;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>
/// The statistics roll-ups (hourly, daily, hour-and-platform cells) kept by the projection, on MariaDB and SQLite:
/// orders move between buckets when they change, re-projection changes nothing, and any range adds up to the orders.
/// </summary>
public sealed class ReadModelStatisticsTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task A_status_change_moves_the_order_between_buckets_and_re_projection_changes_nothing(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "orders_stats_move");
        var projection = new SqlOrderProjection(database);
        var statistics = new OrderStatisticsQueries(database);
        var original = SyntheticOrders.Generate(1, seed: 5, Start.AddHours(30), TimeSpan.FromMinutes(50)).Single() with { Status = OrderStatus.ReadyToShip };
        var shipped = original with { Version = 2, Status = OrderStatus.Shipped };
        var cancelled = original with
        {
            Version = 3,
            Status = OrderStatus.Cancelled,
            Totals = original.Totals with { GrandTotal = original.Totals.GrandTotal + 1m, Shipping = original.Totals.Shipping + 1m },
        };
        var day = Start.AddDays(1);

        await projection.ProjectAsync(original);
        await projection.ProjectAsync(shipped);
        await projection.ProjectAsync(shipped);
        await projection.ProjectAsync(original);

        foreach (var (from, to) in new[] { (day, day.AddDays(1)), (Start, Start.AddDays(3)), (original.OrderDate.AddMinutes(-5), original.OrderDate.AddMinutes(5)) })
        {
            var stats = await statistics.GetAsync(from, to, platform: null);
            Assert.Equal(1, stats.TotalOrders);
            var cell = Assert.Single(stats.ByStatusAndPlatform);
            Assert.Equal((original.Platform.ToString(), "Shipped", 1L), (cell.Platform, cell.Status, cell.Count));
            var revenue = Assert.Single(stats.RevenueByDay);
            Assert.Equal((DateOnly.FromDateTime(day.UtcDateTime), original.Currency, 1L, original.Totals.GrandTotal), (revenue.Day, revenue.Currency, revenue.Orders, revenue.Revenue));
            Assert.Equal(1, Assert.Single(stats.OrdersPerHour).Count);
        }

        await projection.ProjectAsync(cancelled);
        await projection.ProjectAsync(cancelled);
        await projection.ProjectAsync(shipped);

        var after = await statistics.GetAsync(Start, Start.AddDays(3), original.Platform.ToString());
        Assert.Equal(("Cancelled", 1L), (Assert.Single(after.ByStatusAndPlatform).Status, after.TotalOrders));
        Assert.Empty(after.RevenueByDay);
        Assert.Equal(1, Assert.Single(after.OrdersPerHour).Count);
        Assert.Empty((await statistics.GetAsync(Start, Start.AddDays(3), "Manual")).OrdersPerHour);

        await using var connection = await database.OpenAsync();
        foreach (var table in StatsTable.All)
        {
            // Every table holds exactly the one order; the emptied cells are zero, not negative or doubled.
            Assert.Equal(1L, await connection.ExecuteScalarAsync<long>($"SELECT SUM(order_count) FROM {table.Name}"));
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table.Name} WHERE order_count < 0 OR order_count > 1"));
        }
        var revenueCells = (await connection.QueryAsync<(string Status, object Revenue)>("SELECT status, revenue FROM order_stats_daily"))
            .Select(c => (c.Status, Revenue: SqlValues.ReadMoney(c.Revenue))).ToList();
        Assert.Equal(cancelled.Totals.GrandTotal, Assert.Single(revenueCells, c => c.Status == "Cancelled").Revenue);
        Assert.All(revenueCells.Where(c => c.Status != "Cancelled"), c => Assert.Equal(0m, c.Revenue));
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Ranges_of_whole_and_partial_days_add_up_to_the_orders_in_them(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "orders_stats_range");
        var projection = new SqlOrderProjection(database);
        var statistics = new OrderStatisticsQueries(database);
        var orders = SyntheticOrders.Generate(1500, seed: 11, Start, TimeSpan.FromDays(6)).ToList();
        foreach (var batch in orders.Chunk(500))
        {
            await projection.ProjectManyAsync(batch);
        }

        var ranges = new[]
        {
            (Start.AddDays(1), Start.AddDays(4)),
            (Start.AddDays(1).AddHours(5).AddMinutes(20), Start.AddDays(4).AddHours(7).AddMinutes(30)),
            (Start.AddHours(3), Start.AddHours(20).AddSeconds(1)),
            (Start.AddDays(2).AddHours(22), Start.AddDays(3).AddHours(2)),
        };
        foreach (var (from, to) in ranges)
        {
            // An hour counts when it starts inside [from, to): the range the cells can answer exactly.
            var fromHour = StatsBucket.TruncateToHour(from.UtcDateTime);
            var inRange = orders.Where(o => o.OrderDate.UtcDateTime >= fromHour && StatsBucket.TruncateToHour(o.OrderDate.UtcDateTime) < to.UtcDateTime).ToList();
            foreach (var platform in new string?[] { null, "Lazada" })
            {
                var expected = inRange.Where(o => platform is null || o.Platform.ToString() == platform).ToList();
                var stats = await statistics.GetAsync(from, to, platform);

                Assert.Equal(expected.Count, stats.TotalOrders);
                Assert.Equal(
                    expected.GroupBy(o => (o.Platform.ToString(), o.Status.ToString())).Select(g => (g.Key.Item1, g.Key.Item2, (long)g.Count())).Order().ToList(),
                    stats.ByStatusAndPlatform.Select(c => (c.Platform, c.Status, c.Count)).Order().ToList());
                Assert.Equal(
                    expected.Where(o => o.Status is not (OrderStatus.Cancelled or OrderStatus.Returned or OrderStatus.Refunded))
                        .GroupBy(o => (DateOnly.FromDateTime(o.OrderDate.UtcDateTime), o.Currency))
                        .Select(g => (g.Key.Item1, g.Key.Currency, (long)g.Count(), g.Sum(o => o.Totals.GrandTotal))).Order().ToList(),
                    stats.RevenueByDay.Select(r => (r.Day, r.Currency, r.Orders, r.Revenue)).Order().ToList());
                Assert.Equal(
                    expected.GroupBy(o => StatsBucket.TruncateToHour(o.OrderDate.UtcDateTime)).Select(g => (g.Key, (long)g.Count())).Order().ToList(),
                    stats.OrdersPerHour.Select(h => (h.Hour.UtcDateTime, h.Count)).Order().ToList());
            }
        }
    }
}
