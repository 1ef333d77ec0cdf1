using System.Collections.Frozen;
using OrderActors.Orders;

namespace OrderActors.Grains.Orders.Lifecycle;

/// <summary>
/// The allowed direct changes of the unified platform status. A person or the API may only take one of these
/// steps; a platform snapshot may jump ahead along them (polling can miss intermediate states) but never back.
/// </summary>
public static class OrderStatusTransitions
{
    private static readonly FrozenDictionary<OrderStatus, OrderStatus[]> Allowed = new Dictionary<OrderStatus, OrderStatus[]>
    {
        [OrderStatus.Pending] = [OrderStatus.Unpaid, OrderStatus.ReadyToShip, OrderStatus.Cancelled],
        [OrderStatus.Unpaid] = [OrderStatus.Pending, OrderStatus.ReadyToShip, OrderStatus.Cancelled],
        [OrderStatus.ReadyToShip] = [OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.Returned, OrderStatus.Cancelled],
        [OrderStatus.Delivered] = [OrderStatus.Completed, OrderStatus.Returned, OrderStatus.Refunded],
        [OrderStatus.Completed] = [OrderStatus.Returned, OrderStatus.Refunded],
        [OrderStatus.Cancelled] = [OrderStatus.Refunded],
        [OrderStatus.Returned] = [OrderStatus.Refunded],
        [OrderStatus.Refunded] = [],
    }.ToFrozenDictionary();

    public static bool IsAllowed(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    /// <summary>True when <paramref name="to"/> can be reached from <paramref name="from"/> in one or more allowed steps.</summary>
    public static bool IsReachable(OrderStatus from, OrderStatus to)
    {
        var seen = new HashSet<OrderStatus> { from };
        var frontier = new Queue<OrderStatus>([from]);
        while (frontier.TryDequeue(out var state))
        {
            foreach (var next in Allowed[state])
            {
                if (next == to)
                {
                    return true;
                }
                if (seen.Add(next))
                {
                    frontier.Enqueue(next);
                }
            }
        }
        return false;
    }
}
