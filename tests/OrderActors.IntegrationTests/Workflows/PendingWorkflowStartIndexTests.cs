using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrderActors.Grains.Workflows.Starts;
using OrderActors.IntegrationTests.Orders;
using OrderActors.Orders;
using OrderActors.ReadModel;
using OrderActors.Workflows;
using OrderActors.Workflows.ReadModel;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// The 0510 table on MariaDB and SQLite: the projection marks unconfirmed starts with the order's row (a mark already
/// there keeps its time), the sweep reads the oldest marks past the grace age, bounded, and postpones or clears them.
/// </summary>
public sealed class PendingWorkflowStartIndexTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Marks_written_with_the_projection_are_read_oldest_first_bounded_postponed_and_cleared(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "wf_pending_starts");
        var clock = new FakeTimeProvider(Start);
        await using var batcher = new OrderProjectionBatcher(new SqlOrderProjection(database, clock), database, NullLogger<OrderProjectionBatcher>.Instance);
        await using var index = new SqlPendingWorkflowStartIndex(database);
        var orders = SyntheticOrders.Generate(6, seed: 5, Start, TimeSpan.FromDays(1)).ToList();

        await Task.WhenAll(
            batcher.ProjectAsync(orders[0], [FlowTrigger.OrderReceived, FlowTrigger.OrderAccepted]),
            batcher.ProjectAsync(orders[1], [FlowTrigger.OrderReceived]),
            batcher.ProjectAsync(orders[2], [FlowTrigger.OrderReceived]),
            batcher.ProjectAsync(orders[3], [FlowTrigger.OrderReceived]),
            batcher.ProjectAsync(orders[4], []),
            batcher.ProjectAsync(orders[5]));
        Assert.Empty(await index.DueAsync(Start, 100));
        Assert.Equal(
            new[] { Mark(orders[0], FlowTrigger.OrderReceived), Mark(orders[0], FlowTrigger.OrderAccepted), Mark(orders[1]), Mark(orders[2]), Mark(orders[3]) }.ToHashSet(),
            (await index.DueAsync(Start.AddSeconds(1), 100)).ToHashSet());

        // A newer version projected later with the start still pending keeps the mark and its time.
        clock.Advance(TimeSpan.FromMinutes(5));
        await batcher.ProjectAsync(orders[1] with { Version = orders[1].Version + 1 }, [FlowTrigger.OrderReceived]);
        Assert.Contains(Mark(orders[1]), await index.DueAsync(Start.AddSeconds(1), 100));
        Assert.Equal(2, (await index.DueAsync(Start.AddSeconds(1), 2)).Count);

        await index.PostponeAsync([Mark(orders[0], FlowTrigger.OrderReceived), Mark(orders[0], FlowTrigger.OrderAccepted)], Start.AddMinutes(10));
        Assert.Equal([Mark(orders[1]), Mark(orders[2]), Mark(orders[3])], (await index.DueAsync(Start.AddSeconds(1), 100)).OrderBy(m => orders.FindIndex(o => o.Id == m.OrderId)));

        // Confirmations arriving together are cleared (in one transaction); clearing a mark that is not there is fine.
        await Task.WhenAll(index.ClearAsync([Mark(orders[1])]), index.ClearAsync([Mark(orders[2]), Mark(orders[4])]), index.ClearAsync([Mark(orders[0], FlowTrigger.OrderAccepted)]));
        Assert.Equal([Mark(orders[3])], await index.DueAsync(Start.AddSeconds(1), 100));
        Assert.Equal(new[] { Mark(orders[0], FlowTrigger.OrderReceived), Mark(orders[3]) }.ToHashSet(), (await index.DueAsync(Start.AddMinutes(11), 100)).ToHashSet());
    }

    private static PendingWorkflowStart Mark(OrderDetails order, FlowTrigger trigger = FlowTrigger.OrderReceived) => new(order.Id, trigger);
}
