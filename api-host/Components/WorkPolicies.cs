using OrderActors.ApiHost.Security;

namespace OrderActors.ApiHost.Components;

/// <summary>The permission policies of the task and workflow screens (the API's <c>perm:x</c> policies).</summary>
public static class WorkPolicies
{
    public const string TasksWork = PermissionPolicyProvider.Prefix + Permissions.TasksWork;
    public const string WorkflowsManage = PermissionPolicyProvider.Prefix + Permissions.WorkflowsManage;
}
