using OrderActors.Orders;

namespace OrderActors.UnitTests.Orders;

/// <summary>Small builders for orders and snapshots used by the pure-logic tests.</summary>
internal static class OrderFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 11, 10, 0, 0, TimeSpan.Zero);
    public static readonly Actor Sync = Actor.PlatformSync(SourcePlatform.Shopee, "shop-1");

    public static OrderSnapshot Snapshot(string operationId, DateTimeOffset? updatedAt, OrderStatus status = OrderStatus.Unpaid, int quantity = 2, string name = "Siti Rahman") => new()
    {
        OperationId = operationId,
        Platform = SourcePlatform.Shopee,
        AccountId = "shop-1",
        PlatformOrderId = "2411110001",
        Customer = new Customer(name, "siti@example.com", "+60 12-345 6789"),
        Items = [new OrderItem("TEE-RED-M", "Red tee M", null, quantity, 39.90m, 0)],
        Totals = new OrderTotals(39.90m * quantity, 5, 0, 0, 39.90m * quantity + 5),
        Currency = "MYR",
        OrderDate = T0,
        PlatformUpdatedAt = updatedAt,
        Status = status,
        Actor = Sync,
    };

    public static OrderDetails Order(OrderSnapshot s) => new()
    {
        Id = s.OrderId,
        Version = 1,
        Platform = s.Platform,
        AccountId = s.AccountId,
        PlatformOrderId = s.PlatformOrderId,
        Customer = s.Customer,
        Items = s.Items,
        Totals = s.Totals,
        Currency = s.Currency,
        OrderDate = s.OrderDate,
        PlatformUpdatedAt = s.PlatformUpdatedAt,
        Status = s.Status,
        WorkflowStatus = WorkflowStatus.New,
        SyncStatus = SyncStatus.Synced,
        CreatedAt = T0,
        UpdatedAt = T0,
    };
}
