using OrderActors.ApiHost.Security;

namespace OrderActors.ApiHost.Components;

/// <summary>The permission policies pages and menu entries use (the API's <c>perm:x</c> policies).</summary>
public static class DashboardPolicies
{
    public const string OrdersRead = PermissionPolicyProvider.Prefix + Permissions.OrdersRead;
    public const string OrdersWrite = PermissionPolicyProvider.Prefix + Permissions.OrdersWrite;
    public const string OrdersBulk = PermissionPolicyProvider.Prefix + Permissions.OrdersBulk;
    public const string UsersManage = PermissionPolicyProvider.Prefix + Permissions.UsersManage;
    public const string AuditRead = PermissionPolicyProvider.Prefix + Permissions.AuditRead;
    public const string PlatformsManage = PermissionPolicyProvider.Prefix + Permissions.PlatformsManage;
    public const string ReturnsWrite = PermissionPolicyProvider.Prefix + Permissions.ReturnsWrite;
    public const string BillingRead = PermissionPolicyProvider.Prefix + Permissions.BillingRead;
}
