using OrderActors.Events;
using OrderActors.Orders;

namespace OrderActors.Grains.Orders;

/// <summary>Fills the common part of an order event from the order as it is after the change.</summary>
public static class OrderEvents
{
    public static T Stamp<T>(T orderEvent, OrderDetails order, DateTimeOffset at)
        where T : OrderEvent =>
        // `with` on the base record clones the runtime type, so the derived event keeps its own fields.
        (T)((OrderEvent)orderEvent with
        {
            EventId = Guid.NewGuid(),
            OrderId = order.Id,
            Version = order.Version,
            At = at,
            Platform = order.Platform,
            AccountId = order.AccountId,
            PlatformOrderId = order.PlatformOrderId,
            CustomerName = order.Customer.Name,
            GrandTotal = order.Totals.GrandTotal,
            Currency = order.Currency,
            Status = order.Status,
            WorkflowStatus = order.WorkflowStatus,
            SyncStatus = order.SyncStatus,
        });
}
