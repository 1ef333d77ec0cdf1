using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Gateways;

/// <summary>
/// The only place the workflow engine touches order grains: reads order facts and changes the order's
/// <c>workflowStatus</c> through <see cref="IOrderGrain.ChangeWorkflowStatus"/>.
/// </summary>
public sealed class OrderGateway(IGrainFactory grains) : IOrderGateway
{
    public async Task<OrderFacts?> GetFactsAsync(Guid orderId) =>
        await grains.GetGrain<IOrderGrain>(orderId).GetDetails() is { } order ? OrderFacts.From(order) : null;

    public async Task<WorkflowStatus> ChangeWorkflowStatusAsync(Guid orderId, string operationId, WorkflowStatus status, string actorId, string? reason)
    {
        var grain = grains.GetGrain<IOrderGrain>(orderId);
        var before = await grain.GetDetails() ?? throw new InvalidOperationException($"Order {orderId} does not exist.");
        var actor = new Actor(ActorKind.Workflow, actorId, "workflow");
        var result = await grain.ChangeWorkflowStatus(new CommandContext(operationId, actor), status, reason);
        if (!result.Succeeded)
        {
            // A refused transition is a step failure: the engine's on-failure handling (retry, compensate, manual) takes over.
            throw new InvalidOperationException(
                $"Order {orderId} refused workflow status {status}: {result.Violation?.ToString() ?? result.Outcome.ToString()}");
        }
        return before.WorkflowStatus;
    }
}
