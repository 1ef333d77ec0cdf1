namespace OrderActors.Workflows;

[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.WorkflowTaskCompleted")]
public sealed record WorkflowTaskCompleted(
    [property: Id(0)] string TaskId,
    [property: Id(1)] Guid OrderId,
    [property: Id(2)] string FlowId,
    [property: Id(3)] StepType StepType,
    [property: Id(4)] string CompletedBy,
    [property: Id(5)] string Outcome,
    [property: Id(6)] DateTimeOffset At);
