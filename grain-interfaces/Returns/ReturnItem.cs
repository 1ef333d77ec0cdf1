namespace OrderActors.Returns;

/// <summary>One returned SKU: how many, why, and what one unit refunds (its share of the line after discounts).</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Returns.ReturnItem")]
public sealed record ReturnItem(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string ReasonCode,
    [property: Id(3)] decimal UnitRefund = 0m);
