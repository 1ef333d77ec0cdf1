namespace OrderActors.Workflows;

public enum TaskCommandOutcome
{
    Done = 0,
    NotFound = 1,

    /// <summary>The caller is neither the assignee nor a holder of one of the task's roles.</summary>
    Forbidden = 2,

    /// <summary>The task's state does not allow it (claimed by someone else, already completed...).</summary>
    Conflict = 3,

    /// <summary>The result does not fit the task (missing reason, unknown outcome, items not all scanned...).</summary>
    Invalid = 4,
}

/// <summary>The result of a task command: the task as it is now, or why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.TaskCommandResult")]
public sealed record TaskCommandResult(
    [property: Id(0)] TaskCommandOutcome Outcome,
    [property: Id(1)] WorkflowTask? Task,
    [property: Id(2)] string? Error = null,
    [property: Id(3)] string? Field = null);
