namespace OrderActors.Workflows;

/// <summary>What happened at one step of an instance: who, when, the outcome and how long it took.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.StepRecord")]
public sealed record StepRecord(
    [property: Id(0)] string StepId,
    [property: Id(1)] StepType Type,
    [property: Id(2)] string Outcome,
    [property: Id(3)] string Actor,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] DateTimeOffset EndedAt,
    [property: Id(6)] string? Detail)
{
    public TimeSpan Duration => EndedAt - StartedAt;
}
