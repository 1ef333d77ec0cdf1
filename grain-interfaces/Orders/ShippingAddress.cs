namespace OrderActors.Orders;

[GenerateSerializer, Immutable, Alias("OrderActors.ShippingAddress")]
public sealed record ShippingAddress(
    [property: Id(0)] string? Recipient,
    [property: Id(1)] string? Line1,
    [property: Id(2)] string? Line2,
    [property: Id(3)] string? City,
    [property: Id(4)] string? Region,
    [property: Id(5)] string? PostalCode,
    [property: Id(6)] string? Country,
    [property: Id(7)] string? Phone);
