namespace OrderActors.Stock;

[GenerateSerializer, Immutable, Alias("OrderActors.Stock.StockLevel")]
public sealed record StockLevel(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Location,
    [property: Id(2)] int OnHand,
    [property: Id(3)] int Reserved,
    [property: Id(4)] long Version)
{
    public int Available => OnHand - Reserved;
}
