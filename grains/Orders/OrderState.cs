using OrderActors.Events;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Orders;

[GenerateSerializer, Alias("OrderActors.OrderState")]
public sealed class OrderState
{
    [Id(0)] public OrderDetails? Order { get; set; }

    /// <summary>Operation ids already applied, newest last, bounded so the state stays small.</summary>
    [Id(1)] public List<string> AppliedOperations { get; set; } = [];

    /// <summary>The last accept, reject or status change, which <c>Undo</c> may revert while its window is open.</summary>
    [Id(2)] public UndoableChange? LastUndoable { get; set; }

    /// <summary>Events recorded with the change that raised them, not yet accepted by the stream (the outbox).</summary>
    [Id(3)] public List<OrderEvent> Outbox { get; set; } = [];

    /// <summary>Changes for the marketplace, recorded with the change itself, not yet confirmed by the account grain.</summary>
    [Id(4)] public List<PendingWriteBack> WriteBacks { get; set; } = [];

    /// <summary>The operation id of the newest write-back: the outcome of an older one no longer decides syncStatus.</summary>
    [Id(5)] public string? LatestWriteBack { get; set; }

    /// <summary>
    /// Workflow starts recorded with the change that triggers them (a new order, an accept), handed to the workflow
    /// starter until it confirms (<c>WorkflowStartHandled</c>); the key of a start is the order and its trigger.
    /// </summary>
    [Id(6)] public List<FlowTrigger> PendingWorkflowStarts { get; set; } = [];

    /// <summary>Triggers whose start the starter confirmed: a later accept (after an undo) starts nothing again.</summary>
    [Id(7)] public List<FlowTrigger> HandledWorkflowStarts { get; set; } = [];

    /// <summary>
    /// Accepts and rejects made outside the workflow, recorded with the change, handed to the order's workflow
    /// instances until the relay confirms (<c>WorkflowDecisionHandled</c>).
    /// </summary>
    [Id(8)] public List<OrderDecision> PendingWorkflowDecisions { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("OrderActors.UndoableChange")]
public sealed record UndoableChange(
    [property: Id(0)] string Kind,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] string? Reason,
    [property: Id(4)] DateTimeOffset At);
