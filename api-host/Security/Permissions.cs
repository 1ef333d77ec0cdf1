namespace OrderActors.ApiHost.Security;

/// <summary>Fine-grained permissions, granted to roles and API keys and checked by endpoint policies.</summary>
public static class Permissions
{
    public const string ClaimType = "perm";

    public const string OrdersRead = "orders.read";
    public const string OrdersWrite = "orders.write";
    public const string OrdersBulk = "orders.bulk";
    public const string WorkflowsManage = "workflows.manage";
    public const string TasksWork = "tasks.work";
    public const string ReturnsApprove = "returns.approve";
    public const string ReturnsWrite = "returns.write";
    public const string BillingRead = "billing.read";
    public const string BillingWrite = "billing.write";
    public const string PlatformsManage = "platforms.manage";
    public const string PosUse = "pos.use";
    public const string StockRead = "stock.read";
    public const string StockWrite = "stock.write";
    public const string UsersManage = "users.manage";
    public const string AuditRead = "audit.read";
    public const string EventsRead = "events.read";

    public static IReadOnlyList<string> All { get; } =
    [
        OrdersRead, OrdersWrite, OrdersBulk, WorkflowsManage, TasksWork, ReturnsApprove, ReturnsWrite,
        BillingRead, BillingWrite, PlatformsManage, PosUse, StockRead, StockWrite, UsersManage, AuditRead, EventsRead,
    ];
}
