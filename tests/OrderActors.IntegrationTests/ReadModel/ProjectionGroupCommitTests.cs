using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Database;
using OrderActors.IntegrationTests.Orders;
using OrderActors.Orders;
using OrderActors.ReadModel;

namespace OrderActors.IntegrationTests.ReadModel;

/// <summary>
/// Group commit of the read-model projection (<see cref="OrderProjectionBatcher"/>) on MariaDB and SQLite: many
/// concurrent callers are written in shared transactions, each exactly once; a caller completes only once its order
/// is committed; a failing batch fails every caller and a retry writes them; an older version changes nothing.
/// </summary>
public sealed class ProjectionGroupCommitTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Many_concurrent_orders_are_each_projected_exactly_once_and_each_caller_sees_its_order_committed(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "rm_group_commit");
        await using var batcher = new OrderProjectionBatcher(new SqlOrderProjection(database), database, NullLogger<OrderProjectionBatcher>.Instance);
        var orders = SyntheticOrders.Generate(400, seed: 11, Start, TimeSpan.FromDays(2)).ToList();

        // Each caller checks, as soon as it is told "projected", that its own order is committed (read on another connection).
        var notVisible = 0;
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (order, ct) =>
        {
            await batcher.ProjectAsync(order, ct);
            await using var check = await database.OpenAsync(ct);
            if (await check.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM orders WHERE id = @id", new { id = order.Id.ToString() }, cancellationToken: ct)) != 1)
            {
                Interlocked.Increment(ref notVisible);
            }
        });
        Assert.Equal(0, notVisible);
        await AssertProjectedOnceAsync(database, orders);

        // The same versions again, concurrently: nothing changes anywhere, statistics included.
        await Task.WhenAll(orders.Select(o => batcher.ProjectAsync(o)));
        await AssertProjectedOnceAsync(database, orders);
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task An_older_version_in_the_same_or_a_later_batch_changes_nothing(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "rm_group_order");
        var projection = new SqlOrderProjection(database);
        await using var batcher = new OrderProjectionBatcher(projection, database, NullLogger<OrderProjectionBatcher>.Instance);
        var orders = SyntheticOrders.Generate(2, seed: 12, Start, TimeSpan.FromHours(5)).Select(o => o with { Status = OrderStatus.ReadyToShip }).ToList();
        var newer = orders.Select(o => o with { Version = 2, Status = OrderStatus.Shipped }).ToList();

        // A new order's two versions in one transaction, newer first; the other order's newer version, then its older one.
        await projection.ProjectManyAsync([newer[0], orders[0]]);
        await batcher.ProjectAsync(newer[1]);
        await Task.WhenAll(batcher.ProjectAsync(orders[1]), batcher.ProjectAsync(orders[0]), batcher.ProjectAsync(newer[0]));

        await using var connection = await database.OpenAsync();
        var rows = (await connection.QueryAsync<(string Status, long Version)>("SELECT status, version FROM orders")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(("Shipped", 2L), (r.Status, r.Version)));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(order_count), 0) FROM order_stats_hourly WHERE status = 'Shipped'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(order_count), 0) FROM order_stats_hourly WHERE status <> 'Shipped'"));
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task A_failing_batch_fails_every_caller_and_their_retries_project_each_order_once(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "rm_group_fail");
        await using var batcher = new OrderProjectionBatcher(new SqlOrderProjection(database), database, NullLogger<OrderProjectionBatcher>.Instance);
        var orders = SyntheticOrders.Generate(60, seed: 13, Start, TimeSpan.FromDays(1)).ToList();

        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("ALTER TABLE order_items RENAME TO order_items_away");
        }
        var attempts = orders.Select(o => batcher.ProjectAsync(o)).ToList();
        foreach (var attempt in attempts)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => attempt);
        }
        await using (var connection = await database.OpenAsync())
        {
            // Nothing of the failed transactions is left behind.
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orders"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM order_stats_hourly"));
            await connection.ExecuteAsync("ALTER TABLE order_items_away RENAME TO order_items");
        }

        // What a grain's retry does: the same order again.
        await Task.WhenAll(orders.Select(o => batcher.ProjectAsync(o)));
        await AssertProjectedOnceAsync(database, orders);
    }

    private static async Task AssertProjectedOnceAsync(ReadModelDatabase database, IReadOnlyList<OrderDetails> orders)
    {
        await using var connection = await database.OpenAsync();
        Assert.Equal(orders.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orders"));
        Assert.Equal(orders.Sum(o => o.Items.Count), await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM order_items"));
        Assert.Equal(orders.Sum(o => o.History.Count), await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM order_status_history"));
        Assert.Equal(orders.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT order_id) FROM order_search_terms"));
        foreach (var table in StatsTable.All)
        {
            Assert.Equal(orders.Count, await connection.ExecuteScalarAsync<long>($"SELECT COALESCE(SUM(order_count), 0) FROM {table.Name}"));
        }
        var revenue = await connection.QueryAsync<(string Currency, object Revenue)>("SELECT currency, revenue FROM order_stats_daily");
        var byCurrency = revenue.GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.Sum(r => SqlValues.ReadMoney(r.Revenue)));
        Assert.Equal(orders.GroupBy(o => o.Currency).ToDictionary(g => g.Key, g => g.Sum(o => o.Totals.GrandTotal)), byCurrency);
    }
}
