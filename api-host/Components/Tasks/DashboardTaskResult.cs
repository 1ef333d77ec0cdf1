using OrderActors.Workflows;

namespace OrderActors.ApiHost.Components.Tasks;

/// <summary>
/// What a task command from the dashboard did: the task as it is now and the message to show (the engine's own words
/// on refusal). <see cref="Mismatch"/> marks a scan the engine recorded as a mismatch: an answer, not an error.
/// </summary>
public sealed record DashboardTaskResult(bool Succeeded, string Message, WorkflowTask? Task, string? Field = null, bool Mismatch = false)
{
    public static DashboardTaskResult Invalid(string message, string? field = null) => new(false, message, null, field);

    public static DashboardTaskResult From(TaskCommandResult result, string done) => result.Outcome switch
    {
        TaskCommandOutcome.Done => new(true, done, result.Task),
        TaskCommandOutcome.NotFound => new(false, "Task not found.", null),
        TaskCommandOutcome.Forbidden => new(false, result.Error ?? "Only the assignee or a holder of the task's role may act on it.", null),
        TaskCommandOutcome.Conflict => new(false, result.Error ?? "The task cannot do that now.", result.Task),
        _ => new(false, result.Error ?? "Invalid.", result.Task, result.Field),
    };
}
