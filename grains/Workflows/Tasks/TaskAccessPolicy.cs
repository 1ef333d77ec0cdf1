using System.Security.Claims;
using OrderActors.Grains.Workflows.Roles;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Tasks;

/// <summary>
/// Who may act on a task: its assignee, a holder of one of its roles, or an Admin. The caller comes from the
/// access token: user id in <c>sub</c>, roles in <c>role</c> claims.
/// </summary>
public static class TaskAccessPolicy
{
    public const string UserIdClaim = "sub";
    public const string RoleClaim = "role";

    public static TaskCaller FromClaims(ClaimsPrincipal user) => new(
        user.FindFirst(UserIdClaim)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "",
        user.FindAll(RoleClaim).Concat(user.FindAll(ClaimTypes.Role)).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList());

    public static bool CanAct(WorkflowTask task, TaskCaller caller) =>
        caller.UserId.Length > 0
        && (string.Equals(task.Assignee, caller.UserId, StringComparison.Ordinal)
            || caller.Roles.Contains(BuiltInRoles.Admin, StringComparer.Ordinal)
            || task.Roles.Intersect(caller.Roles, StringComparer.Ordinal).Any());

    /// <summary>Whether the task belongs in the caller's inbox: assigned to them, or in the pool of one of their roles.</summary>
    public static bool InInbox(WorkflowTask task, TaskCaller caller) =>
        task.IsOpen && (task.Assignee == caller.UserId || (task.Assignee is null && task.Roles.Intersect(caller.Roles).Any()));
}
