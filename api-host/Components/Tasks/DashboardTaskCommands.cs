using OrderActors.ApiHost.Apis.Workflows;
using OrderActors.ApiHost.Components.Live;
using OrderActors.ApiHost.Security;
using OrderActors.Audit;
using OrderActors.Grains.Workflows.Tasks;
using OrderActors.Identity;
using OrderActors.Workflows;
using OrderActors.Workflows.ReadModel;

namespace OrderActors.ApiHost.Components.Tasks;

/// <summary>
/// The signed-in person's tasks: the inbox query and the instance grain commands behind <c>/api/tasks</c>, with the
/// caller taken from the circuit's principal the way the API takes it from the token (<see cref="TaskAccessPolicy"/>),
/// so the engine decides who may act. Commands are audited here (circuit traffic skips the HTTP audit middleware).
/// </summary>
public sealed class DashboardTaskCommands(IClusterClient orleans, WorkflowQueries queries, DashboardUser user, DashboardAudit audit, UserStore users, RoleStore roles)
{
    public const int MaxCodeLength = 128;

    public async Task<IReadOnlyList<InboxItem>> InboxAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        if (!await user.HasAsync(Permissions.TasksWork))
        {
            return [];
        }
        var caller = await CallerAsync();
        return await queries.InboxAsync(caller.UserId, caller.Roles, Math.Clamp(limit, 1, WorkflowQueries.MaxInbox), cancellationToken);
    }

    /// <summary>The task and the instance that owns it, or null when it does not exist or the caller may not act on it (as <c>GET /api/tasks/{id}</c>).</summary>
    public async Task<(WorkflowTask Task, WorkflowInstanceView Instance)?> GetAsync(string taskId)
    {
        if (!await user.HasAsync(Permissions.TasksWork)
            || WorkflowInstanceKey.InstanceOfTask(taskId) is not { } key
            || await orleans.GetGrain<IWorkflowInstanceGrain>(key).GetView() is not { } view
            || view.Tasks.FirstOrDefault(t => t.Id == taskId) is not { } task
            || !TaskAccessPolicy.CanAct(task, await CallerAsync()))
        {
            return null;
        }
        return (task, view);
    }

    public async Task<string> CurrentUserIdAsync() => (await CallerAsync()).UserId;

    public Task<DashboardTaskResult> ClaimAsync(string taskId) =>
        RunAsync(taskId, "claim", (grain, caller) => grain.Claim(taskId, caller), "Claimed: the task is yours.");

    public Task<DashboardTaskResult> ReleaseAsync(string taskId) =>
        RunAsync(taskId, "release", (grain, caller) => grain.Release(taskId, caller), "Released back to the pool.");

    public Task<DashboardTaskResult> CompleteAsync(string taskId, TaskResult result) =>
        RunAsync(taskId, "complete", (grain, caller) => grain.Complete(taskId, result, caller), $"Completed ({result.Outcome}).");

    /// <summary>Task overseers (<c>workflows.manage</c>) may hand any open task to another person or role.</summary>
    public async Task<bool> MayReassignAsync() => await user.HasAsync(Permissions.TasksWork) && await user.HasAsync(Permissions.WorkflowsManage);

    public async Task<IReadOnlyList<ReassignTarget>> ReassignTargetsAsync() =>
        await MayReassignAsync() ? await TaskReassignmentRules.TargetsAsync(users, roles, CancellationToken.None) : [];

    /// <summary>The reassign endpoint's rules: an overseer, and a target that is an enabled person or a role that works tasks.</summary>
    public async Task<DashboardTaskResult> ReassignAsync(string taskId, ReassignTarget? target)
    {
        if (!await MayReassignAsync())
        {
            return DashboardTaskResult.Invalid("Only someone who oversees tasks (workflows.manage) may reassign them.");
        }
        if (target is null)
        {
            return DashboardTaskResult.Invalid("Choose a person or a role to hand the task to.", "userId");
        }
        var request = target.IsRole ? new ReassignRequest(null, target.Id) : new ReassignRequest(target.Id);
        var (to, field, error) = await TaskReassignmentRules.CheckAsync(request, users, roles, CancellationToken.None);
        if (to is null)
        {
            return DashboardTaskResult.Invalid(error, field);
        }
        return await RunAsync(taskId, "reassign", (grain, caller) => grain.Reassign(taskId, to, caller with { Oversees = true }), $"Reassigned to {target.Label}.");
    }

    /// <summary>One scan of a SKU or barcode on a packing task; a wrong or surplus code comes back as a mismatch.</summary>
    public async Task<DashboardTaskResult> ScanAsync(string taskId, string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Trim().Length > MaxCodeLength)
        {
            return DashboardTaskResult.Invalid("code (a SKU or barcode) is required.", "code");
        }
        var trimmed = code.Trim();
        var result = await RunAsync(taskId, "scan", (grain, caller) => grain.Scan(taskId, trimmed, caller), $"{trimmed} confirmed.");
        return result is { Succeeded: false, Field: "code", Task: not null } ? result with { Mismatch = true } : result;
    }

    private async Task<DashboardTaskResult> RunAsync(string taskId, string command, Func<IWorkflowInstanceGrain, TaskCaller, Task<TaskCommandResult>> send, string done)
    {
        if (!await user.HasAsync(Permissions.TasksWork))
        {
            return DashboardTaskResult.Invalid("You may not work on tasks.");
        }
        if (WorkflowInstanceKey.InstanceOfTask(taskId) is not { } key)
        {
            return DashboardTaskResult.Invalid("Task not found.");
        }
        DashboardTaskResult result;
        try
        {
            result = DashboardTaskResult.From(await send(orleans.GetGrain<IWorkflowInstanceGrain>(key), await CallerAsync()), done);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return DashboardTaskResult.Invalid("The workflow did not answer; try again.");
        }
        await audit.RecordAsync($"dashboard task {command}", $"task={taskId}", result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure, result.Message);
        return result;
    }

    private async Task<TaskCaller> CallerAsync() => TaskAccessPolicy.FromClaims(await user.GetPrincipalAsync());
}
