using Orleans.Concurrency;

namespace OrderActors.Workflows;

/// <summary>
/// Starts the highest-priority active flow of a trigger whose applies-to condition holds for an order.
/// One-way, so the order grain that calls it is not blocked by (or re-entered from) the workflow.
/// </summary>
public interface IWorkflowStarterGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task OrderTriggered(Guid orderId, FlowTrigger trigger);

    /// <summary>The same, awaited; returns the key of the started (or already running) instance, or null.</summary>
    Task<string?> Start(Guid orderId, FlowTrigger trigger);

    /// <summary>
    /// Starts the ReturnRequested flow for a return (instance key <see cref="WorkflowInstanceKey.ForReturn"/>), or
    /// answers with the instance already started for it; null when no active return flow applies.
    /// </summary>
    Task<string?> StartReturn(Guid orderId, ReturnFacts returnFacts);
}
