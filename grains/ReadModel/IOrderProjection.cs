using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>
/// Writes an order's current state into the read-model tables. Implementations must be idempotent and
/// must never let an older <see cref="OrderDetails.Version"/> overwrite a newer one.
/// </summary>
public interface IOrderProjection
{
    Task ProjectAsync(OrderDetails order, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same, and when <paramref name="holdsHandOvers"/> (the order holds a start, decision or write-back its receiver
    /// has not confirmed) marks the order at its version in the same transaction
    /// (<see cref="Grains.Orders.HandOvers.IPendingHandOverIndex"/>), whatever the version of the row: a mark already
    /// there keeps its attempt time and the newer of the two versions.
    /// </summary>
    Task ProjectAsync(OrderDetails order, bool holdsHandOvers, CancellationToken cancellationToken = default);
}
