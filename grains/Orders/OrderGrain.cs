using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrderActors.Events;
using OrderActors.Grains.Events;
using OrderActors.Grains.Orders.HandOvers;
using OrderActors.Grains.Orders.Lifecycle;
using OrderActors.Orders;
using OrderActors.Workflows;
using OrderActors.ReadModel;

namespace OrderActors.Grains.Orders;

/// <summary>
/// The order aggregate. Each accepted change is written in one <c>WriteStateAsync</c> together with its audit entries
/// and the events it raises (outbox); afterwards the read model is projected and the events published. Both of those
/// are repeatable, so a failure there is retried by a timer and again on the next activation.
/// </summary>
public sealed partial class OrderGrain(
    [PersistentState("order")] IPersistentState<OrderState> state,
    IOrderProjection projection,
    IDuplicateFinder duplicateFinder,
    IOptions<OrdersOptions> options,
    [FromKeyedServices(OrdersOptions.ClockKey)] TimeProvider time,
    ISiloStatusOracle silo,
    IPendingHandOverIndex handOvers,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain
{
    private const int RememberedOperations = 200;
    private const int RememberedChanges = 50;

    private OrdersOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A projection or publication that failed after the state was written is repaired here: both are repeatable.
        await FollowUpAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Published events were removed from the outbox (and confirmed workflow starts and decisions from their lists) in
        // memory only; persist that so they are not sent again.
        if (state.State.Order is not null && (_outboxShrunk || _workflowStartsConfirmed || _workflowDecisionsConfirmed))
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<OrderDetails?> GetDetails() => Task.FromResult(state.State.Order);

    public async Task<OrderUpsertResult> Upsert(OrderSnapshot snapshot)
    {
        var current = state.State.Order;
        if (current is not null && state.State.AppliedOperations.Contains(snapshot.OperationId))
        {
            return new OrderUpsertResult(UpsertOutcome.IgnoredRepeat, current);
        }

        var now = time.GetUtcNow();
        if (current is null)
        {
            var created = NewOrder(snapshot, now);
            await CommitAsync(snapshot.OperationId, created, [new OrderReceived { ItemCount = created.Items.Sum(i => i.Quantity), OrderDate = created.OrderDate }],
                workflowStart: FlowTrigger.OrderReceived);
            await DetectDuplicatesAsync(snapshot.Actor);
            return new OrderUpsertResult(UpsertOutcome.Created, state.State.Order!);
        }

        var merge = SnapshotMerge.Merge(current, snapshot, now);
        if (merge.Stale)
        {
            return new OrderUpsertResult(UpsertOutcome.IgnoredStale, current);
        }
        if (merge.ChangedFields.Count == 0 && merge.Conflicts.Count == 0)
        {
            return new OrderUpsertResult(UpsertOutcome.Unchanged, current);
        }

        var order = merge.Order with
        {
            Conflicts = Bounded([.. current.Conflicts, .. merge.Conflicts]),
            Changes = merge.ChangedFields.Count > 0
                ? Bounded([.. current.Changes, new OrderFieldChange(snapshot.OperationId, merge.ChangedFields, snapshot.Actor, now)])
                : current.Changes,
        };
        var events = new List<OrderEvent>();
        if (merge.PreviousStatus is { } previous)
        {
            order = order with { History = [.. order.History, StatusEntry(OrderHistoryEntry.StatusKind, previous.ToString(), order.Status.ToString(), snapshot.Actor, "platform update", now, snapshot.OperationId)] };
            events.Add(new OrderStatusChanged { From = previous, To = order.Status, Actor = snapshot.Actor, Reason = "platform update" });
        }
        var otherFields = merge.ChangedFields.Where(f => f != "status").ToList();
        if (otherFields.Count > 0)
        {
            events.Add(new OrderUpdated { ChangedFields = otherFields });
        }
        events.AddRange(merge.Conflicts.Select(c => new OrderConflictDetected { Conflict = c }));
        await CommitAsync(snapshot.OperationId, order, events, state.State.LastUndoable);

        if (merge.ChangedFields.Contains("customer") || merge.ChangedFields.Contains("items"))
        {
            await DetectDuplicatesAsync(snapshot.Actor);
        }
        return new OrderUpsertResult(merge.ChangedFields.Count > 0 ? UpsertOutcome.Updated : UpsertOutcome.Unchanged, state.State.Order!);
    }

    public Task<OrderCommandResult> Accept(CommandContext context, string? reason) =>
        ChangeWorkflow(context, WorkflowStatus.Accepted, reason, undoable: true);

    public Task<OrderCommandResult> Reject(CommandContext context, string? reason) =>
        ChangeWorkflow(context, WorkflowStatus.Rejected, reason, undoable: true);

    public Task<OrderCommandResult> ChangeWorkflowStatus(CommandContext context, WorkflowStatus status, string? reason) =>
        ChangeWorkflow(context, status, reason, undoable: false);

    public Task<OrderCommandResult> ChangeStatus(CommandContext context, OrderStatus status, string? reason) =>
        ExecuteAsync(context, (order, now) =>
        {
            if (order.Status == status)
            {
                return Decision.NoChange;
            }
            if (!OrderStatusTransitions.IsAllowed(order.Status, status))
            {
                return Decision.Refuse(OrderRuleViolation.Transition(OrderHistoryEntry.StatusKind, order.Status.ToString(), status.ToString()));
            }
            var changed = order with
            {
                Status = status,
                History = [.. order.History, StatusEntry(OrderHistoryEntry.StatusKind, order.Status.ToString(), status.ToString(), context.Actor, reason, now, context.OperationId)],
            };
            return Decision.Change(changed, [new OrderStatusChanged { From = order.Status, To = status, Actor = context.Actor, Reason = reason }],
                new UndoableChange(OrderHistoryEntry.StatusKind, order.Status.ToString(), status.ToString(), reason, now));
        });

    public Task<OrderCommandResult> Undo(CommandContext context) =>
        ExecuteAsync(context, (order, now) =>
        {
            if (state.State.LastUndoable is not { } last)
            {
                return Decision.Refuse(new OrderRuleViolation(OrderRuleViolation.NothingToUndo, "There is no accept, reject or status change to undo."));
            }
            if (now - last.At > Options.UndoWindow)
            {
                return Decision.Refuse(new OrderRuleViolation(OrderRuleViolation.UndoWindowExpired,
                    $"The {last.Kind} change from {last.From} to {last.To} can only be undone within {Options.UndoWindow.TotalMinutes:0.#} minutes.",
                    last.Kind, last.To, last.From));
            }
            var heldValue = last.Kind == OrderHistoryEntry.StatusKind ? order.Status.ToString() : order.WorkflowStatus.ToString();
            if (heldValue != last.To)
            {
                return Decision.Refuse(new OrderRuleViolation(OrderRuleViolation.UndoSuperseded,
                    $"{last.Kind} is now {heldValue}; the change to {last.To} was superseded and cannot be undone.", last.Kind, heldValue, last.From));
            }
            var reason = $"undo of {last.From} -> {last.To}";
            var entry = StatusEntry(last.Kind, last.To, last.From, context.Actor, reason, now, context.OperationId);
            if (last.Kind == OrderHistoryEntry.StatusKind)
            {
                var to = Enum.Parse<OrderStatus>(last.From);
                return Decision.Change(order with { Status = to, History = [.. order.History, entry] },
                    [new OrderStatusChanged { From = order.Status, To = to, Actor = context.Actor, Reason = reason }], undoable: null, clearUndo: true);
            }
            var workflowTo = Enum.Parse<WorkflowStatus>(last.From);
            return Decision.Change(order with { WorkflowStatus = workflowTo, History = [.. order.History, entry] },
                [new OrderWorkflowStatusChanged { From = order.WorkflowStatus, To = workflowTo, Actor = context.Actor, Reason = reason }], undoable: null, clearUndo: true);
        });

    public Task<OrderCommandResult> SetNotes(CommandContext context, string? notes) =>
        ExecuteAsync(context, (order, now) => order.Notes == notes
            ? Decision.NoChange
            : Decision.Change(WithChange(order with { Notes = notes }, context, ["notes"], now), [new OrderUpdated { ChangedFields = ["notes"] }]));

    public Task<OrderCommandResult> SetTags(CommandContext context, IReadOnlyList<string> tags) =>
        ExecuteAsync(context, (order, now) => order.Tags.SequenceEqual(tags)
            ? Decision.NoChange
            : Decision.Change(WithChange(order with { Tags = tags.ToList() }, context, ["tags"], now), [new OrderUpdated { ChangedFields = ["tags"] }]));

    public Task<OrderCommandResult> SetSyncStatus(CommandContext context, SyncStatus status, string? error) =>
        ExecuteAsync(context, (order, now) =>
        {
            if (IsStaleWriteBackReport(context))
            {
                return Decision.NoChange;
            }
            var newError = status == SyncStatus.Failed ? error : null;
            return order.SyncStatus == status && order.SyncError == newError
                ? Decision.NoChange
                : Decision.Change(WithChange(order with { SyncStatus = status, SyncError = newError }, context, ["syncStatus"], now),
                    [new OrderSyncStatusChanged { Error = newError }]);
        });

    private Task<OrderCommandResult> ChangeWorkflow(CommandContext context, WorkflowStatus to, string? reason, bool undoable) =>
        ExecuteAsync(context, (order, now) =>
        {
            if (order.WorkflowStatus == to)
            {
                return Decision.NoChange;
            }
            if (!WorkflowStatusTransitions.IsAllowed(order.WorkflowStatus, to))
            {
                return Decision.Refuse(OrderRuleViolation.Transition(OrderHistoryEntry.WorkflowStatusKind, order.WorkflowStatus.ToString(), to.ToString()));
            }
            var changed = order with
            {
                WorkflowStatus = to,
                History = [.. order.History, StatusEntry(OrderHistoryEntry.WorkflowStatusKind, order.WorkflowStatus.ToString(), to.ToString(), context.Actor, reason, now, context.OperationId)],
            };
            return Decision.Change(changed, [new OrderWorkflowStatusChanged { From = order.WorkflowStatus, To = to, Actor = context.Actor, Reason = reason }],
                undoable ? new UndoableChange(OrderHistoryEntry.WorkflowStatusKind, order.WorkflowStatus.ToString(), to.ToString(), reason, now) : null);
        }, startsAcceptedFlows: true, workflowReason: reason);

    /// <summary>Runs a command: repeats answer from memory, refusals change nothing, changes are committed once.</summary>
    private async Task<OrderCommandResult> ExecuteAsync(CommandContext context, Func<OrderDetails, DateTimeOffset, Decision> decide, bool startsAcceptedFlows = false,
        string? workflowReason = null)
    {
        var current = state.State.Order;
        if (current is null)
        {
            return new OrderCommandResult(CommandOutcome.NotFound, null);
        }
        if (state.State.AppliedOperations.Contains(context.OperationId))
        {
            return new OrderCommandResult(CommandOutcome.AlreadyApplied, current);
        }
        var now = time.GetUtcNow();
        var decision = decide(current, now);
        if (decision.Violation is not null)
        {
            return new OrderCommandResult(CommandOutcome.Refused, current, decision.Violation);
        }
        if (decision.Order is null)
        {
            return new OrderCommandResult(CommandOutcome.Unchanged, current);
        }
        var undo = decision.Undoable ?? (decision.ClearUndo ? null : state.State.LastUndoable);
        var changed = decision.Order;
        var writeBack = WriteBackFor(current, changed, context);
        if (writeBack is not null)
        {
            changed = changed with { SyncStatus = SyncStatus.Pending, SyncError = null };
        }
        // Accept (by a person or a workflow step) starts the OrderAccepted flows, recorded with the change itself.
        var start = startsAcceptedFlows && changed.WorkflowStatus == WorkflowStatus.Accepted ? FlowTrigger.OrderAccepted : (FlowTrigger?)null;
        // An accept or reject by a person or an API key closes the flow's approval task waiting for it.
        var outside = startsAcceptedFlows ? OutsideDecision(context, current, changed, workflowReason, now) : null;
        await CommitAsync(context.OperationId, changed, decision.Events, undo, writeBack, start, outside);
        return new OrderCommandResult(CommandOutcome.Applied, state.State.Order);
    }

    /// <summary>Writes the new order, its events and the operation id in one state write, then projects and publishes.</summary>
    private async Task CommitAsync(string operationId, OrderDetails order, IReadOnlyList<OrderEvent> events, UndoableChange? undoable = null,
        PendingWriteBack? writeBack = null, FlowTrigger? workflowStart = null, OrderDecision? workflowDecision = null)
    {
        var now = time.GetUtcNow();
        var previousOrder = state.State.Order;
        var previousUndo = state.State.LastUndoable;
        var previousOperations = state.State.AppliedOperations.ToList();
        var previousOutbox = state.State.Outbox.ToList();
        var previousWriteBacks = state.State.WriteBacks.ToList();
        var previousStarts = state.State.PendingWorkflowStarts.ToList();
        var previousDecisions = state.State.PendingWorkflowDecisions.ToList();

        var versioned = previousOrder is null
            ? order
            : order with
            {
                Version = previousOrder.Version + 1,
                UpdatedAt = now,
                UndoAvailableUntil = undoable is null ? null : undoable.At + Options.UndoWindow,
            };
        state.State.Order = versioned;
        state.State.LastUndoable = undoable;
        RememberOperation(operationId);
        state.State.Outbox.AddRange(events.Select(e => OrderEvents.Stamp(e, versioned, now)));
        var previousLatest = state.State.LatestWriteBack;
        if (writeBack is not null)
        {
            state.State.WriteBacks.Add(writeBack);
            state.State.LatestWriteBack = writeBack.Request.OperationId;
        }
        var startRecorded = workflowStart is { } trigger && RecordWorkflowStart(trigger);
        if (workflowDecision is not null)
        {
            state.State.PendingWorkflowDecisions.Add(workflowDecision);
        }
        try
        {
            await state.WriteStateAsync();
            _outboxShrunk = false;
            _workflowStartsConfirmed = false;
            _workflowDecisionsConfirmed = false;
        }
        catch
        {
            // Nothing was acknowledged: put memory back to what storage holds.
            state.State.Order = previousOrder;
            state.State.LastUndoable = previousUndo;
            state.State.AppliedOperations = previousOperations;
            state.State.Outbox = previousOutbox;
            state.State.WriteBacks = previousWriteBacks;
            state.State.LatestWriteBack = previousLatest;
            state.State.PendingWorkflowStarts = previousStarts;
            state.State.PendingWorkflowDecisions = previousDecisions;
            throw;
        }
        if (startRecorded)
        {
            _freshWorkflowStarts.Add(workflowStart!.Value);
        }
        await FollowUpAsync();
    }

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
        History = [StatusEntry(OrderHistoryEntry.StatusKind, null, s.Status.ToString(), s.Actor, "created", now, s.OperationId)],
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static OrderHistoryEntry StatusEntry(string kind, string? from, string to, Actor actor, string? reason, DateTimeOffset at, string operationId) =>
        new(kind, from, to, actor, reason, at, operationId);

    private static OrderDetails WithChange(OrderDetails order, CommandContext context, IReadOnlyList<string> fields, DateTimeOffset now) =>
        order with { Changes = Bounded([.. order.Changes, new OrderFieldChange(context.OperationId, fields, context.Actor, now)]) };

    private static List<T> Bounded<T>(List<T> items) =>
        items.Count > RememberedChanges ? items[^RememberedChanges..] : items;

    private void RememberOperation(string operationId)
    {
        var applied = state.State.AppliedOperations;
        applied.Add(operationId);
        if (applied.Count > RememberedOperations)
        {
            applied.RemoveRange(0, applied.Count - RememberedOperations);
        }
    }

    private readonly record struct Decision(OrderDetails? Order, IReadOnlyList<OrderEvent> Events, UndoableChange? Undoable, bool ClearUndo, OrderRuleViolation? Violation)
    {
        public static Decision NoChange => new(null, [], null, false, null);

        public static Decision Refuse(OrderRuleViolation violation) => new(null, [], null, false, violation);

        public static Decision Change(OrderDetails order, IReadOnlyList<OrderEvent> events, UndoableChange? undoable = null, bool clearUndo = false) =>
            new(order, events, undoable, clearUndo, null);
    }
}
