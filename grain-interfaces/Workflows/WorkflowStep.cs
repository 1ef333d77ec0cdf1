namespace OrderActors.Workflows;

/// <summary>
/// One node of a flow's step graph. <see cref="Next"/> links the steps in order; a Branch step chooses between
/// <see cref="StepConfig.WhenTrue"/> and <see cref="StepConfig.WhenFalse"/>; an Approval may continue on
/// <see cref="OnRejected"/>. A null next step ends the flow.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.WorkflowStep")]
public sealed record WorkflowStep
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public string? Name { get; init; }
    [Id(2)] public StepType Type { get; init; }

    /// <summary>Role whose holders may work the step's task (the task goes to the least loaded available one).</summary>
    [Id(3)] public string? AssignedRole { get; init; }

    /// <summary>A fixed user who gets the step's task.</summary>
    [Id(4)] public string? AssignedUser { get; init; }

    /// <summary>Person steps (manual, approval, packing, ship) run without a person when set.</summary>
    [Id(5)] public bool AutoExecute { get; init; }

    /// <summary>The step runs only when this condition holds; otherwise the flow moves on to <see cref="Next"/>.</summary>
    [Id(6)] public string? Condition { get; init; }

    [Id(7)] public StepConfig Config { get; init; } = new();

    /// <summary>How long a person has for the step's task.</summary>
    [Id(8)] public TimeSpan? Timeout { get; init; }

    [Id(9)] public TimeoutAction OnTimeout { get; init; } = TimeoutAction.Escalate;

    /// <summary>The role an escalated task goes to; Manager when not set.</summary>
    [Id(10)] public string? EscalateToRole { get; init; }

    [Id(11)] public FailureAction OnFailure { get; init; } = FailureAction.ManualIntervention;

    [Id(12)] public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay; doubled on each further retry.</summary>
    [Id(13)] public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Base priority of the step's task (0-100); flow priority and order value add to it.</summary>
    [Id(14)] public int Priority { get; init; } = 50;

    [Id(15)] public string? Next { get; init; }

    /// <summary>Approval: the step taken when rejected; null ends the flow as rejected.</summary>
    [Id(16)] public string? OnRejected { get; init; }

    public bool NeedsPerson => !AutoExecute && Type is StepType.ManualTask or StepType.Approval or StepType.Packing or StepType.Ship;
}
