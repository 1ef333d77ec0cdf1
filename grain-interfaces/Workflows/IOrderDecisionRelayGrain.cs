using Orleans.Concurrency;

namespace OrderActors.Workflows;

/// <summary>
/// Hands an accept or reject made outside the workflow to every workflow instance of the order (the flows of the
/// OrderReceived and OrderAccepted triggers), then confirms with <see cref="Orders.IOrderGrain.WorkflowDecisionHandled"/>.
/// One-way, so the order grain is not blocked by (or re-entered from) the instance, which calls back into it.
/// </summary>
public interface IOrderDecisionRelayGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task OrderDecided(Guid orderId, OrderDecision decision);
}
