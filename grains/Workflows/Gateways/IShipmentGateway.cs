using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Gateways;

/// <summary>
/// Hands an order to shipping. The platform write-back (through the marketplace account grain) plugs in here;
/// the default records the shipment and emits a <see cref="ShipmentRequested"/> event.
/// </summary>
public interface IShipmentGateway
{
    /// <summary>Requests (idempotently by <paramref name="requestId"/>) the shipment; throws when the order cannot ship.</summary>
    Task<ShipmentRecord> RequestAsync(string requestId, OrderFacts order, string? carrier, string? trackingNumber, string? labelReference);

    /// <summary>Withdraws a requested shipment (compensation of a Ship step).</summary>
    Task CancelAsync(ShipmentRecord shipment, OrderFacts order);
}
