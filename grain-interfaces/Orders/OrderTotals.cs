namespace OrderActors.Orders;

[GenerateSerializer, Immutable, Alias("OrderActors.OrderTotals")]
public sealed record OrderTotals(
    [property: Id(0)] decimal Items,
    [property: Id(1)] decimal Shipping,
    [property: Id(2)] decimal Discount,
    [property: Id(3)] decimal Tax,
    [property: Id(4)] decimal GrandTotal);
