using OrderActors.Stock;

namespace OrderActors.Grains.Stock;

/// <summary>Writes a stock level and its movements to the read model; idempotent by SKU, location and sequence.</summary>
public interface IStockProjection
{
    Task ProjectAsync(StockLevel level, IReadOnlyList<StockMovement> movements, CancellationToken cancellationToken = default);
}
