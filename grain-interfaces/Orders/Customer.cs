namespace OrderActors.Orders;

[GenerateSerializer, Immutable, Alias("OrderActors.Customer")]
public sealed record Customer(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? Phone);
