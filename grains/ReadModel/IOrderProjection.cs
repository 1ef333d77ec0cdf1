using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.ReadModel;

/// <summary>
/// Writes an order's current state into the read-model tables. Implementations must be idempotent and
/// must never let an older <see cref="OrderDetails.Version"/> overwrite a newer one.
/// </summary>
public interface IOrderProjection
{
    Task ProjectAsync(OrderDetails order, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same, and in the same transaction marks the order's workflow starts not yet confirmed by the starter
    /// (<see cref="Grains.Workflows.Starts.IPendingWorkflowStartIndex"/>), whatever the version: a mark already there is kept.
    /// </summary>
    Task ProjectAsync(OrderDetails order, IReadOnlyCollection<FlowTrigger> pendingWorkflowStarts, CancellationToken cancellationToken = default);
}
