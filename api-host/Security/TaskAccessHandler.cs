using Microsoft.AspNetCore.Authorization;

namespace OrderActors.ApiHost.Security;

/// <summary>
/// Grants <see cref="TaskAccessRequirement"/> to the assignee, to a holder of the step's role (roles are read from the
/// database on every request, see <see cref="SessionValidator"/>), and to holders of <c>workflows.manage</c>, who
/// oversee and reassign tasks. Callers also need <c>tasks.work</c> on the endpoint itself.
/// </summary>
public sealed class TaskAccessHandler : AuthorizationHandler<TaskAccessRequirement, ITaskAccessResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TaskAccessRequirement requirement, ITaskAccessResource resource)
    {
        var user = context.User;
        var subject = user.FindFirst(SecurityClaims.Subject)?.Value;
        var isPerson = user.HasClaim(c => c.Type == SecurityClaims.Session);
        var isAssignee = isPerson && subject is not null && string.Equals(resource.AssigneeId, subject, StringComparison.Ordinal);
        var holdsRole = isPerson && resource.Role is { Length: > 0 } role && user.HasClaim(SecurityClaims.Role, role);
        var manages = user.HasClaim(Permissions.ClaimType, Permissions.WorkflowsManage);
        if (isAssignee || holdsRole || manages)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
