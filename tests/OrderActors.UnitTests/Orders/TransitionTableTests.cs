using OrderActors.Grains.Orders.Lifecycle;
using OrderActors.Orders;

namespace OrderActors.UnitTests.Orders;

public sealed class TransitionTableTests
{
    [Fact]
    public void Final_statuses_allow_nothing()
    {
        Assert.All(Enum.GetValues<OrderStatus>(), to => Assert.False(OrderStatusTransitions.IsAllowed(OrderStatus.Refunded, to)));
        Assert.All(Enum.GetValues<WorkflowStatus>(), to => Assert.False(WorkflowStatusTransitions.IsAllowed(WorkflowStatus.Rejected, to)));
        Assert.All(Enum.GetValues<WorkflowStatus>(), to => Assert.False(WorkflowStatusTransitions.IsAllowed(WorkflowStatus.Done, to)));
    }

    [Fact]
    public void Every_status_is_reachable_from_pending_and_nothing_goes_back_to_pending_after_shipping()
    {
        Assert.All(Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Pending), s => Assert.True(OrderStatusTransitions.IsReachable(OrderStatus.Pending, s), s.ToString()));
        Assert.False(OrderStatusTransitions.IsReachable(OrderStatus.Shipped, OrderStatus.ReadyToShip));
        Assert.False(OrderStatusTransitions.IsReachable(OrderStatus.Cancelled, OrderStatus.Shipped));
    }

    [Fact]
    public void Accept_is_only_possible_from_new_or_on_hold()
    {
        var from = Enum.GetValues<WorkflowStatus>().Where(s => WorkflowStatusTransitions.IsAllowed(s, WorkflowStatus.Accepted)).ToHashSet();
        Assert.Equal(new HashSet<WorkflowStatus> { WorkflowStatus.New, WorkflowStatus.OnHold }, from);
    }

    [Fact]
    public void No_status_transitions_to_itself()
    {
        Assert.All(Enum.GetValues<OrderStatus>(), s => Assert.False(OrderStatusTransitions.IsAllowed(s, s)));
        Assert.All(Enum.GetValues<WorkflowStatus>(), s => Assert.False(WorkflowStatusTransitions.IsAllowed(s, s)));
    }
}
