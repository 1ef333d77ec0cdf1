using Microsoft.Extensions.Logging;
using OrderActors.Grains.Workflows.Conditions;
using OrderActors.Grains.Workflows.Gateways;
using OrderActors.Orders;
using OrderActors.Workflows;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace OrderActors.Grains.Workflows.Flows;

/// <summary>
/// See <see cref="IWorkflowStarterGrain"/>. Picks, among active flows of the trigger, the highest priority one whose
/// applies-to condition holds. A condition that cannot be evaluated for the order still starts that flow, whose
/// first task is then a manual review of whether it applies.
/// Reentrant: a start mostly waits on other grains (the order, the catalog, the new instance), and the order grains
/// hand starts over one-way, so a non-reentrant starter would queue them by the thousand at peak while it waits.
/// Two starts of the same order and trigger still meet in one instance grain, whose start is idempotent.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class WorkflowStarterGrain(
    IOrderGateway orders,
    FlowVersionCache flowVersions,
    ISiloStatusOracle silo,
    TimeProvider time,
    ILogger<WorkflowStarterGrain> logger) : Grain, IWorkflowStarterGrain
{
    public async Task OrderTriggered(Guid orderId, FlowTrigger trigger, bool mayBeRepeat, OrderFacts order)
    {
        try
        {
            // A repeated hand-over (the order did not see the confirmation) must not start a second instance, even
            // when the flows changed meanwhile and another flow of the trigger would be chosen now.
            _ = (mayBeRepeat ? await StartedInstanceAsync(orderId, trigger) : null) ?? await StartNewAsync(orderId, trigger, order);
            // The order clears its hand-over mark once nothing else it recorded waits for a receiver.
            await GrainFactory.GetGrain<IOrderGrain>(orderId).WorkflowStartHandled(trigger);
        }
        catch (Exception ex)
        {
            // Not confirmed: the order hands the start over again. Expected while this silo stops (nothing can be placed).
            logger.Log(silo.CurrentStatus == SiloStatus.Active ? LogLevel.Warning : LogLevel.Debug, ex,
                "Starting a {Trigger} workflow for order {OrderId} failed; the order will hand it over again", trigger, orderId);
        }
    }

    /// <summary>The key of an instance already started for the order by any flow of <paramref name="trigger"/>, active or not.</summary>
    private async Task<string?> StartedInstanceAsync(Guid orderId, FlowTrigger trigger)
    {
        foreach (var flow in (await GrainFactory.GetGrain<IFlowCatalogGrain>(0).List()).Where(f => f.Trigger == trigger))
        {
            var key = WorkflowInstanceKey.For(orderId, flow.Id);
            if (await GrainFactory.GetGrain<IWorkflowInstanceGrain>(key).GetView() is not null)
            {
                return key;
            }
        }
        return null;
    }

    public async Task<string?> Start(Guid orderId, FlowTrigger trigger) =>
        await StartedInstanceAsync(orderId, trigger) ?? await StartNewAsync(orderId, trigger, await orders.GetFactsAsync(orderId));

    private Task<string?> StartNewAsync(Guid orderId, FlowTrigger trigger, OrderFacts? order) =>
        StartAsync(order, trigger, flowId => WorkflowInstanceKey.For(orderId, flowId));

    public async Task<string?> StartReturn(Guid orderId, ReturnFacts returnFacts)
    {
        var key = WorkflowInstanceKey.ForReturn(returnFacts.ReturnId);
        if (await GrainFactory.GetGrain<IWorkflowInstanceGrain>(key).GetView() is not null)
        {
            return key;
        }
        var order = await orders.GetFactsAsync(orderId);
        return await StartAsync(order is null ? null : order with { Return = returnFacts }, FlowTrigger.ReturnRequested, _ => key);
    }

    private async Task<string?> StartAsync(OrderFacts? order, FlowTrigger trigger, Func<string, string> keyOf)
    {
        if (order is null)
        {
            return null;
        }
        var candidates = (await GrainFactory.GetGrain<IFlowCatalogGrain>(0).List())
            .Where(f => f.Active && f.Trigger == trigger)
            .OrderByDescending(f => f.Priority)
            .ThenBy(f => f.Id, StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (await flowVersions.GetActiveAsync(candidate.Id, candidate.Version) is not { } flow)
            {
                continue;
            }
            var uncertain = false;
            if (flow.AppliesTo is not null)
            {
                try
                {
                    if (!Condition.Evaluate(flow.AppliesTo, order, time.GetUtcNow()))
                    {
                        continue;
                    }
                }
                catch (ConditionEvaluationException)
                {
                    uncertain = true;
                }
            }
            var key = keyOf(flow.Id);
            await GrainFactory.GetGrain<IWorkflowInstanceGrain>(key).Start(flow, order, uncertain);
            return key;
        }
        return null;
    }
}
