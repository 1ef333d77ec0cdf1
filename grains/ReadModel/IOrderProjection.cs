using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>
/// Writes an order's current state into the read-model tables. Implementations must be idempotent and
/// must never let an older <see cref="OrderDetails.Version"/> overwrite a newer one.
/// </summary>
public interface IOrderProjection
{
    Task ProjectAsync(OrderDetails order, CancellationToken cancellationToken = default);
}
