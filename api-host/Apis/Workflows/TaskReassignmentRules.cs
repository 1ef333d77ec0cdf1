using OrderActors.ApiHost.Security;
using OrderActors.Identity;
using OrderActors.Workflows;

namespace OrderActors.ApiHost.Apis.Workflows;

/// <summary>A person or role a task can be handed to.</summary>
public sealed record ReassignTarget(string Id, string Label, bool IsRole);

/// <summary>
/// Who may receive a task (the reassign endpoint's and the dashboard's rule): an enabled user, or a role, that holds
/// <c>tasks.work</c>, so the new assignee can open the task. Reads the identity tables on every check, so a user
/// disabled a moment ago is refused.
/// </summary>
public static class TaskReassignmentRules
{
    public const int MaxLength = 128;

    public static async Task<(TaskReassignment? Target, string Field, string Error)> CheckAsync(
        ReassignRequest request, UserStore users, RoleStore roles, CancellationToken ct)
    {
        var userId = request.UserId?.Trim();
        var role = request.Role?.Trim();
        if (string.IsNullOrEmpty(userId) == string.IsNullOrEmpty(role))
        {
            return (null, "userId", "Give either userId (a person) or role (a role's pool), not both.");
        }
        if (userId is { Length: > 0 })
        {
            if (userId.Length > MaxLength || !await WorksTasksAsync(userId, users, ct))
            {
                return (null, "userId", $"No enabled user with id '{Shorten(userId)}' may work tasks.");
            }
            return (TaskReassignment.ToUser(userId), "", "");
        }
        if (role!.Length > MaxLength || await roles.FindAsync(role, ct) is not { } found || !found.Permissions.Contains(Permissions.TasksWork))
        {
            return (null, "role", $"No role named '{Shorten(role)}' works tasks.");
        }
        return (TaskReassignment.ToRole(role), "", "");
    }

    /// <summary>Everyone a task can go to: roles first, then people by name.</summary>
    public static async Task<IReadOnlyList<ReassignTarget>> TargetsAsync(UserStore users, RoleStore roles, CancellationToken ct)
    {
        var working = (await roles.ListAsync(ct)).Where(r => r.Permissions.Contains(Permissions.TasksWork)).ToList();
        var workingNames = working.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var people = (await users.ListAsync(ct))
            .Where(u => !u.IsDisabled && u.Roles.Any(workingNames.Contains))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(u => new ReassignTarget(u.Id, $"{u.DisplayName} ({u.Email})", false));
        return [.. working.Select(r => new ReassignTarget(r.Name, $"{r.Name} (anyone with the role)", true)), .. people];
    }

    private static async Task<bool> WorksTasksAsync(string userId, UserStore users, CancellationToken ct) =>
        await users.FindByIdAsync(userId, ct) is { IsDisabled: false }
        && (await users.GetPermissionsAsync(userId, ct)).Contains(Permissions.TasksWork);

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
