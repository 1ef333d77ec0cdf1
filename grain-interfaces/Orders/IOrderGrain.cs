namespace OrderActors.Orders;

/// <summary>One order, keyed by <see cref="OrderId.For"/> of its platform, account and platform order id.</summary>
public interface IOrderGrain : IGrainWithGuidKey
{
    /// <summary>Creates the order or applies a newer snapshot of it. Idempotent by operation id and platform update time.</summary>
    Task<OrderUpsertResult> Upsert(OrderSnapshot snapshot);

    /// <summary>The order, or null when it was never created.</summary>
    Task<OrderDetails?> GetDetails();

    /// <summary>Sets the workflow status, recording a <c>workflowStatus</c> history entry. Idempotent by operation id.</summary>
    Task<OrderDetails> ChangeWorkflowStatus(string operationId, WorkflowStatus status, Actor actor, string? reason);
}
