using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Gateways;

/// <summary>Everything the workflow engine reads from or changes on an order.</summary>
public interface IOrderGateway
{
    Task<OrderFacts?> GetFactsAsync(Guid orderId);

    /// <summary>Sets the order's workflow status (idempotent by operation id) and returns the status it had before.</summary>
    Task<WorkflowStatus> ChangeWorkflowStatusAsync(Guid orderId, string operationId, WorkflowStatus status, string actorId, string? reason);
}
