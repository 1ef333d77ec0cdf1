using OrderActors.Identity;
using P = OrderActors.ApiHost.Security.Permissions;

namespace OrderActors.ApiHost.Security;

/// <summary>The roles every installation starts with. Administrators may change all but Admin, and add custom roles.</summary>
public static class BuiltInRoles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Warehouse = "Warehouse";
    public const string CustomerService = "CustomerService";
    public const string Billing = "Billing";

    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        new(Admin, "Everything, including users, roles, API keys and the audit log.", true, P.All),
        new(Manager, "Runs the store: orders, workflows, tasks, returns, platforms and the audit log.", true,
            [P.OrdersRead, P.OrdersWrite, P.OrdersBulk, P.WorkflowsManage, P.TasksWork, P.ReturnsApprove, P.ReturnsWrite, P.BillingRead, P.PlatformsManage, P.AuditRead, P.EventsRead]),
        new(Warehouse, "Picks and packs: reads orders, works tasks, receives returns.", true,
            [P.OrdersRead, P.TasksWork, P.ReturnsWrite, P.EventsRead]),
        new(CustomerService, "Follows up customers: orders, returns, tasks.", true,
            [P.OrdersRead, P.OrdersWrite, P.ReturnsWrite, P.TasksWork, P.EventsRead]),
        new(Billing, "Invoices, payments and the point of sale.", true,
            [P.OrdersRead, P.BillingRead, P.BillingWrite, P.PosUse, P.EventsRead]),
    ];

    public static bool IsBuiltIn(string name) => All.Any(r => r.Name == name);
}
