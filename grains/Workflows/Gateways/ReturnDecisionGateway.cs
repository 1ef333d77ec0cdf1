using Microsoft.Extensions.Logging;
using OrderActors.Orders;
using OrderActors.Returns;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Gateways;

/// <summary>
/// Approves or rejects the return grain. The actor is a workflow actor (carrying the deciding user's id), which tells
/// the return's approval gateway that the workflow task is already decided and must not be completed again.
/// </summary>
public sealed class ReturnDecisionGateway(IGrainFactory grains, ILogger<ReturnDecisionGateway> logger) : IReturnDecisionGateway
{
    public async Task DecideAsync(ReturnFacts returnFacts, bool approved, string? reason, string actorId)
    {
        var actor = new Actor(ActorKind.Workflow, actorId, $"{actorId} (return workflow)");
        var grain = grains.GetGrain<IReturnRequestGrain>(returnFacts.ReturnId);
        var result = approved
            ? await grain.Approve(reason, actor)
            : await grain.Reject(string.IsNullOrWhiteSpace(reason) ? "rejected in the return workflow" : reason, actor);
        switch (result.Outcome)
        {
            case ReturnCommandOutcome.Applied or ReturnCommandOutcome.Repeated:
                break;
            case ReturnCommandOutcome.NotFound:
                throw new InvalidOperationException($"Return {returnFacts.RmaNumber} does not exist.");
            default:
                logger.LogInformation("Return {Rma} was not {Decision} by the workflow: {Error}", returnFacts.RmaNumber, approved ? "approved" : "rejected", result.Error);
                break;
        }
    }
}
