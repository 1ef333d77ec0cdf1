namespace OrderActors.Workflows;

/// <summary>One version of a process flow: when it applies and the graph of steps it runs.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.ProcessFlow")]
public sealed record ProcessFlow
{
    /// <summary>Stable id of the flow across versions: lower-case letters, digits and dashes.</summary>
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public int Version { get; init; }
    [Id(2)] public string Name { get; init; } = "";
    [Id(3)] public string? Description { get; init; }
    [Id(4)] public bool Active { get; init; } = true;
    [Id(5)] public FlowTrigger Trigger { get; init; }

    /// <summary>Condition an order must meet for the flow to start; null applies to every order.</summary>
    [Id(6)] public string? AppliesTo { get; init; }

    /// <summary>Among active flows of one trigger that apply, the highest priority one starts.</summary>
    [Id(7)] public int Priority { get; init; }

    [Id(8)] public IReadOnlyList<WorkflowStep> Steps { get; init; } = [];
    [Id(9)] public DateTimeOffset CreatedAt { get; init; }
    [Id(10)] public string? CreatedBy { get; init; }

    /// <summary>The first step: the first of <see cref="Steps"/>.</summary>
    public WorkflowStep? Start => Steps.Count > 0 ? Steps[0] : null;

    public WorkflowStep? Step(string? id) => id is null ? null : Steps.FirstOrDefault(s => s.Id == id);
}
