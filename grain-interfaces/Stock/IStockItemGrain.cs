namespace OrderActors.Stock;

/// <summary>The stock of one SKU at one location (key: <see cref="StockKey.For"/>).</summary>
public interface IStockItemGrain : IGrainWithStringKey
{
    Task<AdjustStockResult> Adjust(AdjustStockCommand command);

    Task<StockLevel> GetLevel();
}
