namespace OrderActors.Orders;

/// <summary>The unified platform lifecycle of an order (see shared/marketplaces/README.md for the mapping).</summary>
public enum OrderStatus
{
    Pending = 0,
    Unpaid = 1,
    ReadyToShip = 2,
    Shipped = 3,
    Delivered = 4,
    Completed = 5,
    Cancelled = 6,
    Returned = 7,
    Refunded = 8,
}
