using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Database;
using OrderActors.Grains.Orders;
using OrderActors.Marketplaces;
using OrderActors.Orders;
using OrderActors.ReadModel;
using OrderActors.Workflows;
using Orleans.Providers;
using Orleans.Storage;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// The hand-over sweep beyond workflow starts: a decision made outside the workflow and a marketplace write-back that
/// a silo recorded and marked (the command was answered) but died before handing over reach their receivers without
/// anyone touching the order, and the order's mark goes once they confirmed. Nothing here calls the order grain: the
/// state is read from storage, instances from their own grains, marks from the table.
/// </summary>
public sealed class HandOverSweepTests(StartSweepApiFactory factory) : IClassFixture<StartSweepApiFactory>
{
    private const string Standard = "standard-marketplace-order";
    private readonly WorkflowScenario _s = new(factory);
    private readonly SweepProbe _probe = new(factory);

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    private IGrainStorage Storage => factory.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    [Fact]
    public async Task An_accept_by_hand_recorded_by_a_silo_that_died_closes_the_accept_task_through_the_sweep()
    {
        // The standard flow takes the order and waits on its accept task; the confirmed start leaves no mark behind.
        var id = await _s.CreateOrderAsync($"handover-{Guid.NewGuid():N}");
        var key = WorkflowInstanceKey.For(id, Standard);
        var waiting = await _probe.WaitForViewAsync(key, v => v.Tasks.Any(t => t.StepId == "accept" && t.Result is null));
        var taskId = waiting.Tasks.Single(t => t.StepId == "accept").Id;
        await SweepProbe.WaitUntilAsync(async () => await _probe.MarksAsync(id) == 0, "the mark of the confirmed start was not cleared");

        // What a silo that died right after answering a person's accept leaves: the accepted order with its pending
        // decision in storage and the order's mark with its read-model row; no activation, so nothing handed over.
        await DeactivateAsync(id);
        var stored = await ReadStateAsync(id);
        var order = stored.State!.Order!;
        var now = DateTimeOffset.UtcNow;
        var operation = $"accept-{Guid.NewGuid():N}";
        var person = new Actor(ActorKind.User, "admin-1", "Admin");
        var accepted = order with
        {
            Version = order.Version + 1,
            WorkflowStatus = WorkflowStatus.Accepted,
            UpdatedAt = now,
            History = [.. order.History, new OrderHistoryEntry(OrderHistoryEntry.WorkflowStatusKind, order.WorkflowStatus.ToString(), nameof(WorkflowStatus.Accepted), person, "phoned the buyer", now, operation)],
        };
        stored.State!.Order = accepted;
        stored.State!.AppliedOperations.Add(operation);
        stored.State!.PendingWorkflowDecisions.Add(new OrderDecision(operation, WorkflowStatus.Accepted, person, "phoned the buyer", now));
        await Storage.WriteStateAsync("order", Grains.GetGrain<IOrderGrain>(id).GetGrainId(), stored);
        await factory.Services.GetRequiredService<IOrderProjection>().ProjectAsync(accepted, holdsHandOvers: true);
        Assert.Equal(1, await _probe.MarksAsync(id));

        var moved = await _probe.WaitForViewAsync(key, v => v.Tasks.Any(t => t.Id == taskId && t.Status == WorkflowTaskStatus.Completed));
        var task = moved.Tasks.Single(t => t.Id == taskId);
        Assert.Equal("approved", task.Result?.Outcome);
        Assert.Equal("admin-1", task.CompletedBy);
        await SweepProbe.WaitUntilAsync(async () => await _probe.MarksAsync(id) == 0, "the mark of the confirmed decision was not cleared");
        // The flow goes on from the decision as it does when the order hands it over itself.
        await _probe.WaitForViewAsync(key, v => v.CurrentStep == "pick-pack");
    }

    [Fact]
    public async Task A_write_back_recorded_by_a_silo_that_died_reaches_its_account_through_the_sweep()
    {
        var template = (await Grains.GetGrain<IOrderGrain>(await _s.CreateOrderAsync($"handover-{Guid.NewGuid():N}")).GetDetails())!;

        // What a silo that died right after answering a ship command leaves: the shipped order with its pending
        // write-back in storage and its mark with the read-model row. The account was never connected, so once it gets
        // the write-back it confirms it and reports on the order that the change cannot reach the platform.
        var id = Guid.NewGuid();
        var accountId = Guid.NewGuid();
        var shipped = template with
        {
            Id = id,
            Platform = SourcePlatform.Shopee,
            AccountId = accountId.ToString(),
            PlatformOrderId = $"SP-{id:N}",
            Version = 2,
            Status = OrderStatus.Shipped,
            Shipment = new ShipmentInfo("J&T Express", "TRK123456789", null),
            SyncStatus = SyncStatus.Pending,
        };
        var writeBack = new PendingWriteBack(accountId, new WriteBackRequest
        {
            OperationId = $"{id:N}:{WriteBackAction.Shipped}:ship-1",
            OrderId = id,
            PlatformOrderId = shipped.PlatformOrderId,
            Action = WriteBackAction.Shipped,
            TrackingNumber = "TRK123456789",
            Carrier = "J&T Express",
        });
        var state = new OrderState
        {
            Order = shipped,
            AppliedOperations = ["create-1", "ship-1"],
            WriteBacks = [writeBack],
            LatestWriteBack = writeBack.Request.OperationId,
            HandledWorkflowStarts = [FlowTrigger.OrderReceived],
        };
        await Storage.WriteStateAsync("order", Grains.GetGrain<IOrderGrain>(id).GetGrainId(), new GrainState<OrderState>(state));
        await factory.Services.GetRequiredService<IOrderProjection>().ProjectAsync(shipped, holdsHandOvers: true);
        Assert.Equal(1, await _probe.MarksAsync(id));

        await SweepProbe.WaitUntilAsync(async () => (await ReadStateAsync(id)).State is { WriteBacks.Count: 0, Order.SyncStatus: SyncStatus.Failed },
            "the write-back was not handed to the account");
        Assert.Contains("not connected", (await ReadStateAsync(id)).State!.Order!.SyncError);
        await SweepProbe.WaitUntilAsync(async () => await _probe.MarksAsync(id) == 0, "the mark of the confirmed write-back was not cleared");
    }

    private async Task DeactivateAsync(Guid orderId)
    {
        var grainId = Grains.GetGrain<IOrderGrain>(orderId).GetGrainId();
        var management = Grains.GetGrain<IManagementGrain>(0);
        await management.DeactivateGrain(grainId);
        await SweepProbe.WaitUntilAsync(async () => !(await management.GetActiveGrains(grainId.Type)).Contains(grainId), $"order {orderId} stayed active");
    }

    private async Task<GrainState<OrderState>> ReadStateAsync(Guid orderId)
    {
        var state = new GrainState<OrderState>(new OrderState());
        await Storage.ReadStateAsync("order", Grains.GetGrain<IOrderGrain>(orderId).GetGrainId(), state);
        return state;
    }
}
