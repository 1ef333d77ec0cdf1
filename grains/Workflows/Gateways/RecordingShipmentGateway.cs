using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Gateways;

/// <summary>
/// The default shipment gateway: checks that the order can ship at all and records the request (with the tracking
/// number and label reference a person entered, if any); the instance emits it as <see cref="ShipmentRequested"/>.
/// </summary>
public sealed class RecordingShipmentGateway(TimeProvider time) : IShipmentGateway
{
    public Task<ShipmentRecord> RequestAsync(string requestId, OrderFacts order, string? carrier, string? trackingNumber, string? labelReference)
    {
        if (!order.HasShippingAddress)
        {
            throw new InvalidOperationException($"Order {order.OrderId} has no shipping address, so it cannot be shipped.");
        }
        return Task.FromResult(new ShipmentRecord(requestId, carrier, trackingNumber, labelReference ?? $"label:{requestId}", time.GetUtcNow()));
    }

    public Task CancelAsync(ShipmentRecord shipment, OrderFacts order) => Task.CompletedTask;
}
