namespace OrderActors.Workflows;

/// <summary>A piece of work for a person, opened by an instance for a step.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.WorkflowTask")]
public sealed record WorkflowTask
{
    /// <summary>"{instance key}.t{n}": the instance that owns the task can be found from the id.</summary>
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Guid OrderId { get; init; }
    [Id(2)] public required string FlowId { get; init; }
    [Id(3)] public required string StepId { get; init; }
    [Id(4)] public required StepType StepType { get; init; }
    [Id(5)] public required WorkflowTaskStatus Status { get; init; }

    /// <summary>Roles whose holders may act on the task (the step's role, plus the escalation role once escalated).</summary>
    [Id(6)] public IReadOnlyList<string> Roles { get; init; } = [];
    [Id(7)] public string? Assignee { get; init; }
    [Id(8)] public required int Priority { get; init; }
    [Id(9)] public DateTimeOffset? DueAt { get; init; }
    [Id(10)] public string? Message { get; init; }
    [Id(11)] public IReadOnlyList<PackingLine> Packing { get; init; } = [];
    [Id(12)] public IReadOnlyList<string> Mismatches { get; init; } = [];
    [Id(13)] public int Escalations { get; init; }
    [Id(14)] public TaskResult? Result { get; init; }
    [Id(15)] public string? CompletedBy { get; init; }
    [Id(16)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(17)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Grows with every change, so the read model never lets an older copy win.</summary>
    [Id(18)] public required long Version { get; init; }

    public bool IsOpen => Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Assigned or WorkflowTaskStatus.Claimed;
}
