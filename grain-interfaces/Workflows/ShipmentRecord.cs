namespace OrderActors.Workflows;

/// <summary>A shipment requested by a Ship step.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.ShipmentRecord")]
public sealed record ShipmentRecord(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string? Carrier,
    [property: Id(2)] string? TrackingNumber,
    [property: Id(3)] string? LabelReference,
    [property: Id(4)] DateTimeOffset RequestedAt);
