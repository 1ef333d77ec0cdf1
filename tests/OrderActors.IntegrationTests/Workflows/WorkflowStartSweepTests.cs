using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Database;
using OrderActors.Grains.Orders;
using OrderActors.Orders;
using OrderActors.ReadModel;
using OrderActors.Workflows;
using Orleans.Providers;
using Orleans.Storage;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// The start sweep: an order whose silo died after its start was recorded and marked (the command was answered) but
/// before the starter confirmed it gets its flow without anyone touching the order; a confirmed start whose mark was
/// left behind is not run again, and its mark goes. Nothing here calls the order grain: instances are read from their
/// own grains, marks from the table.
/// </summary>
public sealed class WorkflowStartSweepTests(StartSweepApiFactory factory) : IClassFixture<StartSweepApiFactory>
{
    private readonly WorkflowScenario _s = new(factory);
    private readonly SweepProbe _probe = new(factory);

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_start_recorded_by_a_silo_that_died_is_started_by_the_sweep_without_the_order_being_touched()
    {
        var tag = $"sweep-{Guid.NewGuid():N}"[..20];
        await _s.CreateFlowAsync(tag, [new { id = "tell", type = "Notify", config = new { message = "received", notifyRoles = new[] { "Warehouse" } } }]);
        var template = (await Grains.GetGrain<IOrderGrain>(await _s.CreateOrderAsync(tag)).GetDetails())!;

        // What the dead silo left: the order's state with its pending start, and the read-model row with the start's
        // mark (written by the projection before the command was answered). No activation, no hand-over, no instance.
        var id = Guid.NewGuid();
        var order = template with { Id = id, PlatformOrderId = $"WF-{id:N}", Version = 1 };
        var storage = factory.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var stored = new OrderState { Order = order, AppliedOperations = ["crashed-create"], PendingWorkflowStarts = [FlowTrigger.OrderReceived] };
        await storage.WriteStateAsync("order", Grains.GetGrain<IOrderGrain>(id).GetGrainId(), new GrainState<OrderState>(stored));
        await factory.Services.GetRequiredService<IOrderProjection>().ProjectAsync(order, holdsHandOvers: true);
        Assert.Equal(1, await _probe.MarksAsync(id));

        var instance = await _probe.WaitForViewAsync(WorkflowInstanceKey.For(id, tag), v => v.Status == InstanceStatus.Completed);
        Assert.Equal(["tell"], instance.History.Select(h => h.StepId).Where(s => !s.StartsWith('$')));
        // Confirmed by the starter, whereupon the order clears its mark: the next sweeps leave the order alone.
        await SweepProbe.WaitUntilAsync(async () => await _probe.MarksAsync(id) == 0, "the mark of the started flow was not cleared");
    }

    [Fact]
    public async Task A_confirmed_start_whose_mark_was_left_behind_is_not_run_again_and_its_mark_goes()
    {
        var tag = $"swept-{Guid.NewGuid():N}"[..20];
        await _s.CreateFlowAsync(tag, [new { id = "tell", type = "Notify", config = new { message = "once", notifyRoles = new[] { "Warehouse" } } }]);
        var id = await _s.CreateOrderAsync(tag);
        var key = WorkflowInstanceKey.For(id, tag);
        var first = await _probe.WaitForViewAsync(key, v => v.Status == InstanceStatus.Completed);
        await SweepProbe.WaitUntilAsync(async () => await _probe.MarksAsync(id) == 0, "the mark of the confirmed start was not cleared");

        // A mark whose clear was lost (the starter's silo died right after confirming): the sweep asks the order, which
        // holds no pending start any more, so the mark goes and nothing is started again.
        var order = (await Grains.GetGrain<IOrderGrain>(id).GetDetails())!;
        await factory.Services.GetRequiredService<IOrderProjection>().ProjectAsync(order, holdsHandOvers: true);
        Assert.Equal(1, await _probe.MarksAsync(id));
        await SweepProbe.WaitUntilAsync(async () => await _probe.MarksAsync(id) == 0, "the sweep did not remove the mark of a confirmed start");

        var after = (await Grains.GetGrain<IWorkflowInstanceGrain>(key).GetView())!;
        Assert.Equal((first.StartedAt, first.Revision, first.History.Count), (after.StartedAt, after.Revision, after.History.Count));
        Assert.Equal([key], await InstanceKeysAsync(id));
    }

    private async Task<List<string>> InstanceKeysAsync(Guid orderId)
    {
        await using var connection = await factory.Services.GetRequiredService<ReadModelDatabase>().OpenAsync();
        return (await connection.QueryAsync<string>("SELECT instance_key FROM workflow_instances WHERE order_id = @id", new { id = orderId.ToString() })).ToList();
    }
}
