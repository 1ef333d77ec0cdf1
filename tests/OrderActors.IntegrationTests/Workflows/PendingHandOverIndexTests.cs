using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrderActors.Grains.Orders.HandOvers;
using OrderActors.IntegrationTests.Orders;
using OrderActors.Orders;
using OrderActors.ReadModel;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// The 0520 table on MariaDB and SQLite: the projection marks an order holding unconfirmed hand-overs with its row (one
/// row per order; a mark already there keeps its time and takes the newer version), the sweep reads the oldest marks
/// past the grace age, bounded, and postpones them; a clear removes a mark only up to the version it names, so a clear
/// that arrives after a newer hand-over was marked leaves that mark.
/// </summary>
public sealed class PendingHandOverIndexTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Marks_written_with_the_projection_are_read_oldest_first_bounded_postponed_and_cleared_by_version(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "pending_handovers");
        var clock = new FakeTimeProvider(Start);
        await using var batcher = new OrderProjectionBatcher(new SqlOrderProjection(database, clock), database, NullLogger<OrderProjectionBatcher>.Instance);
        await using var index = new SqlPendingHandOverIndex(database);
        var orders = SyntheticOrders.Generate(6, seed: 5, Start, TimeSpan.FromDays(1)).ToList();

        await Task.WhenAll(
            batcher.ProjectAsync(orders[0], true),
            batcher.ProjectAsync(orders[1], true),
            batcher.ProjectAsync(orders[2], true),
            batcher.ProjectAsync(orders[3], true),
            batcher.ProjectAsync(orders[4], false),
            batcher.ProjectAsync(orders[5]));
        Assert.Empty(await index.DueAsync(Start, 100));
        Assert.Equal(Ids(orders[0], orders[1], orders[2], orders[3]), (await index.DueAsync(Start.AddSeconds(1), 100)).ToHashSet());

        // A newer version projected later, still holding a hand-over, keeps the mark and its time (one row per order).
        clock.Advance(TimeSpan.FromMinutes(5));
        var newer = orders[1] with { Version = orders[1].Version + 1 };
        await batcher.ProjectAsync(newer, true);
        Assert.Equal(4, (await index.DueAsync(Start.AddSeconds(1), 100)).Count);
        Assert.Equal(2, (await index.DueAsync(Start.AddSeconds(1), 2)).Count);

        await index.PostponeAsync([orders[0].Id], Start.AddMinutes(10));
        Assert.Equal(Ids(orders[1], orders[2], orders[3]), (await index.DueAsync(Start.AddSeconds(1), 100)).ToHashSet());

        // Clears arriving together go in one transaction; clearing a mark that is not there is fine. The clear of
        // orders[1] names the version before the newer hand-over was marked: that mark stays until a clear of its version.
        await Task.WhenAll(
            index.ClearAsync([new HandOverMark(orders[1].Id, orders[1].Version)]),
            index.ClearAsync([new HandOverMark(orders[2].Id, orders[2].Version), new HandOverMark(orders[4].Id, orders[4].Version)]),
            index.ClearAsync([new HandOverMark(orders[0].Id, orders[0].Version + 5)]));
        Assert.Equal(Ids(orders[1], orders[3]), (await index.DueAsync(Start.AddMinutes(11), 100)).ToHashSet());
        await index.ClearAsync([new HandOverMark(newer.Id, newer.Version)]);
        Assert.Equal(Ids(orders[3]), (await index.DueAsync(Start.AddMinutes(11), 100)).ToHashSet());

        // A replay of an older version with a hand-over (a projection retry) never lowers the version of the mark.
        await batcher.ProjectAsync(orders[3] with { Version = orders[3].Version + 2 }, true);
        await batcher.ProjectAsync(orders[3], true);
        await index.ClearAsync([new HandOverMark(orders[3].Id, orders[3].Version + 1)]);
        Assert.Equal(Ids(orders[3]), (await index.DueAsync(Start.AddMinutes(11), 100)).ToHashSet());
    }

    private static HashSet<Guid> Ids(params OrderDetails[] orders) => orders.Select(o => o.Id).ToHashSet();
}
