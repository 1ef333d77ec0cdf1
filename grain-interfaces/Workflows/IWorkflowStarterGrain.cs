using Orleans.Concurrency;

namespace OrderActors.Workflows;

/// <summary>
/// Starts the highest-priority active flow of a trigger whose applies-to condition holds for an order.
/// One-way, so the order grain that calls it is not blocked by (or re-entered from) the workflow.
/// </summary>
public interface IWorkflowStarterGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Starts the order's flow of <paramref name="trigger"/> at most once per order and trigger, then confirms with
    /// <see cref="Orders.IOrderGrain.WorkflowStartHandled"/>. <paramref name="mayBeRepeat"/>: the order may have
    /// handed this start over before (a retry, a reactivation), so an instance of any flow of the trigger may exist.
    /// <paramref name="order"/>: the order's facts as it hands the start over, so the starter need not ask for them.
    /// </summary>
    [OneWay]
    Task OrderTriggered(Guid orderId, FlowTrigger trigger, bool mayBeRepeat, OrderFacts order);

    /// <summary>
    /// The same, awaited, always deduped by order and trigger; returns the key of the started instance, or of the one
    /// a flow of this trigger already started for the order, or null.
    /// </summary>
    Task<string?> Start(Guid orderId, FlowTrigger trigger);

    /// <summary>
    /// Starts the ReturnRequested flow for a return (instance key <see cref="WorkflowInstanceKey.ForReturn"/>), or
    /// answers with the instance already started for it; null when no active return flow applies.
    /// </summary>
    Task<string?> StartReturn(Guid orderId, ReturnFacts returnFacts);
}
