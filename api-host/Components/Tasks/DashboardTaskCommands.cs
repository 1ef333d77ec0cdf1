using OrderActors.ApiHost.Components.Live;
using OrderActors.ApiHost.Security;
using OrderActors.Audit;
using OrderActors.Grains.Workflows.Tasks;
using OrderActors.Workflows;
using OrderActors.Workflows.ReadModel;

namespace OrderActors.ApiHost.Components.Tasks;

/// <summary>
/// The signed-in person's tasks: the inbox query and the instance grain commands behind <c>/api/tasks</c>, with the
/// caller taken from the circuit's principal the way the API takes it from the token (<see cref="TaskAccessPolicy"/>),
/// so the engine decides who may act. Commands are audited here (circuit traffic skips the HTTP audit middleware).
/// </summary>
public sealed class DashboardTaskCommands(IClusterClient orleans, WorkflowQueries queries, DashboardUser user, DashboardAudit audit)
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
