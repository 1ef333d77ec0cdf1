using Microsoft.Extensions.Logging;
using OrderActors.Orders;
using OrderActors.ReadModel;
using OrderActors.Workflows;

namespace OrderActors.Grains.Orders;

public sealed class OrderGrain(
    [PersistentState("order")] IPersistentState<OrderState> state,
    IOrderProjection projection,
    TimeProvider time,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain
{
    private const int RememberedOperations = 200;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A projection that failed after the state was written is repaired here: projecting is idempotent.
        if (state.State.Order is { } order)
        {
            await TryProjectAsync(order);
        }
    }

    public Task<OrderDetails?> GetDetails() => Task.FromResult(state.State.Order);

    public async Task<OrderUpsertResult> Upsert(OrderSnapshot snapshot)
    {
        var current = state.State.Order;
        if (state.State.AppliedOperations.Contains(snapshot.OperationId) && current is not null)
        {
            return new OrderUpsertResult(UpsertOutcome.IgnoredRepeat, current);
        }

        var now = time.GetUtcNow();
        OrderUpsertResult result;
        if (current is null)
        {
            var created = NewOrder(snapshot, now);
            result = new OrderUpsertResult(UpsertOutcome.Created, created);
        }
        else if (IsStale(current, snapshot))
        {
            return new OrderUpsertResult(UpsertOutcome.IgnoredStale, current);
        }
        else
        {
            var updated = Apply(current, snapshot, now);
            result = updated == current
                ? new OrderUpsertResult(UpsertOutcome.Unchanged, current)
                : new OrderUpsertResult(UpsertOutcome.Updated, updated);
        }

        state.State.Order = result.Order;
        RememberOperation(snapshot.OperationId);
        await state.WriteStateAsync();
        await TryProjectAsync(result.Order);
        if (result.Outcome == UpsertOutcome.Created) await GrainFactory.GetGrain<IWorkflowStarterGrain>(0).OrderTriggered(result.Order.Id, FlowTrigger.OrderReceived);
        return result;
    }

    public async Task<OrderDetails> ChangeWorkflowStatus(string operationId, WorkflowStatus status, Actor actor, string? reason)
    {
        var current = state.State.Order ?? throw new InvalidOperationException($"Order {this.GetPrimaryKey()} does not exist.");
        if (state.State.AppliedOperations.Contains(operationId) || current.WorkflowStatus == status)
        {
            return current;
        }
        var now = time.GetUtcNow();
        var entry = new OrderHistoryEntry(OrderHistoryEntry.WorkflowStatusKind, current.WorkflowStatus.ToString(), status.ToString(), actor, reason, now);
        var changed = current with { WorkflowStatus = status, Version = current.Version + 1, UpdatedAt = now, History = [.. current.History, entry] };
        state.State.Order = changed;
        RememberOperation(operationId);
        await state.WriteStateAsync();
        await TryProjectAsync(changed);
        return changed;
    }

    private static bool IsStale(OrderDetails current, OrderSnapshot snapshot) =>
        snapshot.PlatformUpdatedAt is { } incoming
        && current.PlatformUpdatedAt is { } held
        && incoming < held;

    private OrderDetails NewOrder(OrderSnapshot s, DateTimeOffset now) => new()
    {
        Id = this.GetPrimaryKey(),
        Version = 1,
        Platform = s.Platform,
        AccountId = s.AccountId,
        PlatformOrderId = s.PlatformOrderId,
        Customer = s.Customer,
        ShippingAddress = s.ShippingAddress,
        Items = s.Items,
        Totals = s.Totals,
        Currency = s.Currency,
        OrderDate = s.OrderDate,
        PlatformCreatedAt = s.PlatformCreatedAt,
        PlatformUpdatedAt = s.PlatformUpdatedAt,
        Status = s.Status,
        WorkflowStatus = WorkflowStatus.New,
        SyncStatus = SyncStatus.Synced,
        RawPayload = s.RawPayload,
        Notes = s.Notes,
        Tags = s.Tags,
        History = [new OrderHistoryEntry(OrderHistoryEntry.StatusKind, null, s.Status.ToString(), s.Actor, "created", now)],
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static OrderDetails Apply(OrderDetails current, OrderSnapshot s, DateTimeOffset now)
    {
        var changed = current with
        {
            Customer = s.Customer,
            ShippingAddress = s.ShippingAddress ?? current.ShippingAddress,
            Items = s.Items,
            Totals = s.Totals,
            Currency = s.Currency,
            PlatformUpdatedAt = s.PlatformUpdatedAt ?? current.PlatformUpdatedAt,
            Status = s.Status,
            RawPayload = s.RawPayload ?? current.RawPayload,
        };
        if (SameContent(changed, current))
        {
            return current;
        }

        var history = current.History;
        if (s.Status != current.Status)
        {
            history = [.. history, new OrderHistoryEntry(OrderHistoryEntry.StatusKind, current.Status.ToString(), s.Status.ToString(), s.Actor, null, now)];
        }
        return changed with { Version = current.Version + 1, UpdatedAt = now, History = history };
    }

    private static bool SameContent(OrderDetails a, OrderDetails b) =>
        a.Customer == b.Customer
        && a.ShippingAddress == b.ShippingAddress
        && a.Items.SequenceEqual(b.Items)
        && a.Totals == b.Totals
        && a.Currency == b.Currency
        && a.PlatformUpdatedAt == b.PlatformUpdatedAt
        && a.Status == b.Status
        && a.RawPayload == b.RawPayload;

    private void RememberOperation(string operationId)
    {
        var applied = state.State.AppliedOperations;
        applied.Add(operationId);
        if (applied.Count > RememberedOperations)
        {
            applied.RemoveRange(0, applied.Count - RememberedOperations);
        }
    }

    private async Task TryProjectAsync(OrderDetails order)
    {
        try
        {
            await projection.ProjectAsync(order);
        }
        catch (Exception ex)
        {
            // The state is durable; the next activation or change re-projects it.
            logger.LogWarning(ex, "Projecting order {OrderId} version {Version} to the read model failed", order.Id, order.Version);
        }
    }
}
