namespace OrderActors.Workflows;

/// <summary>A task was opened, assigned, reassigned or escalated (the real-time feed pushes it to the people concerned).</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.WorkflowTaskAssigned")]
public sealed record WorkflowTaskAssigned(
    [property: Id(0)] string TaskId,
    [property: Id(1)] Guid OrderId,
    [property: Id(2)] string FlowId,
    [property: Id(3)] StepType StepType,
    [property: Id(4)] string? Assignee,
    [property: Id(5)] IReadOnlyList<string> Roles,
    [property: Id(6)] int Priority,
    [property: Id(7)] DateTimeOffset? DueAt,
    [property: Id(8)] DateTimeOffset At);
