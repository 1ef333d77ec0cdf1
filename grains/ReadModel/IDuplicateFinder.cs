using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>Finds probable duplicates of an order among the orders already in the read model.</summary>
public interface IDuplicateFinder
{
    Task<IReadOnlyList<DuplicateMatch>> FindAsync(OrderDetails order, CancellationToken cancellationToken = default);
}

public sealed record DuplicateMatch(Guid OtherOrderId, double Score, IReadOnlyList<string> Reasons);
