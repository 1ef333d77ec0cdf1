using OrderActors.ApiHost.Apis.Workflows;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;
using OrderActors.Grains.Workflows.Tasks;
using OrderActors.Workflows;
using OrderActors.Workflows.ReadModel;

namespace OrderActors.ApiHost.Apis;

/// <summary>The caller's inbox and the task commands. Who may act is decided by the owning instance (<see cref="TaskAccessPolicy"/>).</summary>
public static class TasksApi
{
    public sealed record Inbox(IReadOnlyList<InboxItem> Items);

    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequirePermission(Permissions.TasksWork);
        group.MapGet("/", GetInbox);
        group.MapGet("/{id}", GetTask);
        group.MapPost("/{id}/claim", (string id, HttpContext http, IClusterClient orleans) =>
            Run(id, http, orleans, (grain, caller) => grain.Claim(id, caller)));
        group.MapPost("/{id}/release", (string id, HttpContext http, IClusterClient orleans) =>
            Run(id, http, orleans, (grain, caller) => grain.Release(id, caller)));
        group.MapPost("/{id}/complete", Complete).Accepts<TaskResult>("application/json");
        group.MapPost("/{id}/reassign", Reassign).Accepts<ReassignRequest>("application/json").RequirePermission(Permissions.WorkflowsManage);
        group.MapPost("/{id}/scan", Scan).Accepts<ScanRequest>("application/json");
        return group;
    }

    private static async Task<IResult> GetInbox(HttpContext http, WorkflowQueries queries, int? limit, CancellationToken ct)
    {
        if (limit is not null and (< 1 or > WorkflowQueries.MaxInbox))
        {
            return new Validation().Add("limit", $"limit must be between 1 and {WorkflowQueries.MaxInbox}.").ToProblem();
        }
        var caller = TaskAccessPolicy.FromClaims(http.User);
        return TypedResults.Ok(new Inbox(await queries.InboxAsync(caller.UserId, caller.Roles, limit ?? 100, ct)));
    }

    private static async Task<IResult> GetTask(string id, HttpContext http, IClusterClient orleans)
    {
        if (WorkflowInstanceKey.InstanceOfTask(id) is not { } key
            || await orleans.GetGrain<IWorkflowInstanceGrain>(key).GetView() is not { } view
            || view.Tasks.FirstOrDefault(t => t.Id == id) is not { } task)
        {
            return NotFound(id);
        }
        return TaskAccessPolicy.CanAct(task, TaskAccessPolicy.FromClaims(http.User)) ? TypedResults.Ok(task) : Forbidden();
    }

    private static async Task<IResult> Complete(string id, HttpContext http, IClusterClient orleans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<TaskResult>(http.Request, ct);
        return problem ?? await Run(id, http, orleans, (grain, caller) => grain.Complete(id, body!, caller));
    }

    // Overseers only (workflows.manage): the engine is told so through the caller, as it is told the caller's roles.
    private static async Task<IResult> Reassign(string id, HttpContext http, IClusterClient orleans, UserStore users, RoleStore roles, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReassignRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (target, field, error) = await TaskReassignmentRules.CheckAsync(body!, users, roles, ct);
        if (target is null)
        {
            return new Validation().Add(field, error).ToProblem();
        }
        if (WorkflowInstanceKey.InstanceOfTask(id) is not { } key)
        {
            return NotFound(id);
        }
        var caller = TaskAccessPolicy.FromClaims(http.User) with { Oversees = true };
        return ToResult(id, await orleans.GetGrain<IWorkflowInstanceGrain>(key).Reassign(id, target, caller), r => r.Task!);
    }

    private static async Task<IResult> Scan(string id, HttpContext http, IClusterClient orleans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ScanRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrWhiteSpace(body!.Code) || body.Code.Length > 128)
        {
            return new Validation().Add("code", "code (a SKU or barcode) is required.").ToProblem();
        }
        if (WorkflowInstanceKey.InstanceOfTask(id) is not { } key)
        {
            return NotFound(id);
        }
        var result = await orleans.GetGrain<IWorkflowInstanceGrain>(key).Scan(id, body.Code.Trim(), TaskAccessPolicy.FromClaims(http.User));
        // A mismatch is an answer, not an error: it is recorded on the task and reported to the packer.
        return result.Outcome == TaskCommandOutcome.Invalid && result.Field == "code" && result.Task is not null
            ? TypedResults.Ok(new ScanResponse(false, result.Error, result.Task))
            : ToResult(id, result, r => new ScanResponse(true, null, r.Task!));
    }

    private static async Task<IResult> Run(string id, HttpContext http, IClusterClient orleans, Func<IWorkflowInstanceGrain, TaskCaller, Task<TaskCommandResult>> command)
    {
        if (WorkflowInstanceKey.InstanceOfTask(id) is not { } key)
        {
            return NotFound(id);
        }
        var result = await command(orleans.GetGrain<IWorkflowInstanceGrain>(key), TaskAccessPolicy.FromClaims(http.User));
        return ToResult(id, result, r => r.Task!);
    }

    private static IResult ToResult<T>(string id, TaskCommandResult result, Func<TaskCommandResult, T> ok) => result.Outcome switch
    {
        TaskCommandOutcome.Done => TypedResults.Ok(ok(result)),
        TaskCommandOutcome.NotFound => NotFound(id),
        TaskCommandOutcome.Forbidden => Forbidden(),
        TaskCommandOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The task cannot do that now.", detail: result.Error),
        _ => new Validation().Add(result.Field ?? "$", result.Error ?? "Invalid.").ToProblem(),
    };

    private static IResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Task not found.", detail: $"No task has id '{id}'.");

    private static IResult Forbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your task.", detail: "Only the assignee or a holder of the task's role may act on it.");
}
