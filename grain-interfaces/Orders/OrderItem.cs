namespace OrderActors.Orders;

[GenerateSerializer, Immutable, Alias("OrderActors.OrderItem")]
public sealed record OrderItem(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Variant,
    [property: Id(3)] int Quantity,
    [property: Id(4)] decimal UnitPrice,
    [property: Id(5)] decimal Discount)
{
    public decimal LineTotal => UnitPrice * Quantity - Discount;
}
