using OrderActors.Grains.Orders;
using OrderActors.Orders;
using static OrderActors.UnitTests.Orders.OrderFixtures;

namespace OrderActors.UnitTests.Orders;

public sealed class SnapshotMergeTests
{
    [Fact]
    public void An_older_snapshot_is_stale_and_changes_nothing()
    {
        var order = Order(Snapshot("op-1", T0.AddMinutes(10)));

        var result = SnapshotMerge.Merge(order, Snapshot("op-0", T0.AddMinutes(5), OrderStatus.Cancelled), T0.AddHours(1));

        Assert.True(result.Stale);
        Assert.Same(order, result.Order);
    }

    [Fact]
    public void A_newer_snapshot_is_applied_and_its_changed_fields_named()
    {
        var order = Order(Snapshot("op-1", T0.AddMinutes(10)));

        var result = SnapshotMerge.Merge(order, Snapshot("op-2", T0.AddMinutes(20), OrderStatus.ReadyToShip, quantity: 3), T0.AddHours(1));

        Assert.False(result.Stale);
        Assert.Equal(OrderStatus.ReadyToShip, result.Order.Status);
        Assert.Equal(OrderStatus.Unpaid, result.PreviousStatus);
        Assert.Equal(3, result.Order.Items[0].Quantity);
        Assert.Contains("items", result.ChangedFields);
        Assert.Contains("totals", result.ChangedFields);
        Assert.Contains("status", result.ChangedFields);
        Assert.DoesNotContain("customer", result.ChangedFields);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void Same_update_time_with_different_content_is_a_conflict_and_keeps_the_held_data()
    {
        var order = Order(Snapshot("op-1", T0.AddMinutes(10)));

        var result = SnapshotMerge.Merge(order, Snapshot("op-2", T0.AddMinutes(10), quantity: 5), T0.AddHours(1));

        Assert.Equal(2, result.Order.Items[0].Quantity);
        Assert.Empty(result.ChangedFields);
        var conflict = Assert.Single(result.Conflicts, c => c.Field == "items");
        Assert.Contains("x2", conflict.Held);
        Assert.Contains("x5", conflict.Incoming);
        Assert.Equal("op-2", conflict.OperationId);
    }

    [Fact]
    public void The_same_conflict_seen_again_is_reported_once()
    {
        var order = Order(Snapshot("op-1", T0.AddMinutes(10)));
        var first = SnapshotMerge.Merge(order, Snapshot("op-2", T0.AddMinutes(10), quantity: 5), T0.AddHours(1));
        var withConflicts = order with { Conflicts = first.Conflicts };

        var again = SnapshotMerge.Merge(withConflicts, Snapshot("op-3", T0.AddMinutes(10), quantity: 5), T0.AddHours(2));

        Assert.Empty(again.Conflicts);
    }

    [Fact]
    public void A_status_the_lifecycle_cannot_reach_is_a_conflict_but_other_fields_apply()
    {
        var order = Order(Snapshot("op-1", T0.AddMinutes(10), OrderStatus.Shipped));

        var result = SnapshotMerge.Merge(order, Snapshot("op-2", T0.AddMinutes(20), OrderStatus.Unpaid, name: "Siti R."), T0.AddHours(1));

        Assert.Equal(OrderStatus.Shipped, result.Order.Status);
        Assert.Equal("Siti R.", result.Order.Customer.Name);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("status", "Shipped", "Unpaid"), (conflict.Field, conflict.Held, conflict.Incoming));
        Assert.Null(result.PreviousStatus);
    }

    [Fact]
    public void A_snapshot_may_jump_ahead_along_the_lifecycle()
    {
        var order = Order(Snapshot("op-1", T0.AddMinutes(10), OrderStatus.Unpaid));

        var result = SnapshotMerge.Merge(order, Snapshot("op-2", T0.AddMinutes(20), OrderStatus.Delivered), T0.AddHours(1));

        Assert.Equal(OrderStatus.Delivered, result.Order.Status);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void An_identical_snapshot_changes_nothing()
    {
        var order = Order(Snapshot("op-1", T0.AddMinutes(10)));

        var result = SnapshotMerge.Merge(order, Snapshot("op-2", T0.AddMinutes(10)), T0.AddHours(1));

        Assert.Empty(result.ChangedFields);
        Assert.Empty(result.Conflicts);
    }
}
