namespace OrderActors.Orders;

/// <summary>How an order left the warehouse: the carrier, its tracking number and the label printed for it.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.ShipmentInfo")]
public sealed record ShipmentInfo(
    [property: Id(0)] string? Carrier,
    [property: Id(1)] string? TrackingNumber,
    [property: Id(2)] string? LabelReference);
