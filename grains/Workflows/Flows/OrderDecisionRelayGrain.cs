using Microsoft.Extensions.Logging;
using OrderActors.Orders;
using OrderActors.Workflows;
using Orleans.Concurrency;

namespace OrderActors.Grains.Workflows.Flows;

/// <summary>
/// See <see cref="IOrderDecisionRelayGrain"/>. The instances of an order are keyed by order and flow, so every flow of
/// the order triggers (active or not: an instance outlives its flow's deactivation) names a possible instance; one
/// that was never started ignores the decision.
/// </summary>
[StatelessWorker]
public sealed class OrderDecisionRelayGrain(ILogger<OrderDecisionRelayGrain> logger) : Grain, IOrderDecisionRelayGrain
{
    public async Task OrderDecided(Guid orderId, OrderDecision decision)
    {
        try
        {
            // A decision already undone or superseded (the order moved on by hand) must not drive the flow any more.
            if (await GrainFactory.GetGrain<IOrderGrain>(orderId).GetDetails() is { } order && order.WorkflowStatus == decision.Status)
            {
                await TellInstancesAsync(orderId, decision);
            }
            await GrainFactory.GetGrain<IOrderGrain>(orderId).WorkflowDecisionHandled(decision.OperationId);
        }
        catch (Exception ex)
        {
            // Not confirmed: the order hands the decision over again; instances ignore one they already applied.
            logger.LogWarning(ex, "Handing the {Status} decision {OperationId} of order {OrderId} to its workflows failed; the order will hand it over again",
                decision.Status, decision.OperationId, orderId);
        }
    }

    private async Task TellInstancesAsync(Guid orderId, OrderDecision decision)
    {
        var flows = (await GrainFactory.GetGrain<IFlowCatalogGrain>(0).List())
            .Where(f => f.Trigger is FlowTrigger.OrderReceived or FlowTrigger.OrderAccepted);
        foreach (var flow in flows)
        {
            await GrainFactory.GetGrain<IWorkflowInstanceGrain>(WorkflowInstanceKey.For(orderId, flow.Id)).DecidedOutside(decision);
        }
    }
}
