using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Gateways;

/// <summary>
/// The Ship step on the order itself: <see cref="IOrderGrain.Ship"/> moves the order to Shipped with the shipment,
/// and a marketplace order pushes it to its platform from there (recorded with the change, retried by the account).
/// Idempotent by the step's request id, which is the command's operation id.
/// </summary>
public sealed class OrderShipmentGateway(IGrainFactory grains, TimeProvider time) : IShipmentGateway
{
    public async Task<ShipmentRecord> RequestAsync(string requestId, OrderFacts order, string? carrier, string? trackingNumber, string? labelReference)
    {
        if (!order.HasShippingAddress)
        {
            throw new InvalidOperationException($"Order {order.OrderId} has no shipping address, so it cannot be shipped.");
        }
        var label = labelReference ?? $"label:{requestId}";
        var actor = new Actor(ActorKind.Workflow, requestId, "workflow");
        var result = await grains.GetGrain<IOrderGrain>(order.OrderId)
            .Ship(new CommandContext($"wf-ship:{requestId}", actor), new ShipmentInfo(carrier, trackingNumber, label), $"workflow step {requestId}");
        if (!result.Succeeded)
        {
            // A refusal (cancelled order, already shipped with another parcel) fails the step; the flow's on-failure handling decides.
            throw new InvalidOperationException(
                $"Order {order.OrderId} could not be shipped: {result.Violation?.Message ?? result.Outcome.ToString()}");
        }
        return new ShipmentRecord(requestId, carrier, trackingNumber, label, time.GetUtcNow());
    }

    /// <summary>
    /// A parcel handed to the carrier cannot be called back by changing a status: the compensation fails and is
    /// recorded as such, so a person cancels the shipment with the carrier or starts a return.
    /// </summary>
    public async Task CancelAsync(ShipmentRecord shipment, OrderFacts order)
    {
        var details = await grains.GetGrain<IOrderGrain>(order.OrderId).GetDetails();
        if (details is null || details.Status != OrderStatus.Shipped)
        {
            return; // the step never shipped it, or the order already moved on (cancelled): nothing to withdraw
        }
        throw new InvalidOperationException(
            $"Order {order.OrderId} was shipped ({shipment.TrackingNumber ?? shipment.LabelReference}); a shipped order cannot be un-shipped here. Recall the parcel with the carrier or start a return.");
    }
}
