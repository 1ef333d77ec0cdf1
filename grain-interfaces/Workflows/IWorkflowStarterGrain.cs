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
}
