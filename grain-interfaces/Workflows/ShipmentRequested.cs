namespace OrderActors.Workflows;

/// <summary>A Ship step asks for the order to be shipped (the marketplaces work writes it back to the platform).</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.ShipmentRequested")]
public sealed record ShipmentRequested(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] ShipmentRecord Shipment,
    [property: Id(2)] bool Cancelled);
