namespace OrderActors.Workflows;

/// <summary>The saved version, or every problem that kept the definition from being saved.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.FlowSaveResult")]
public sealed record FlowSaveResult(
    [property: Id(0)] ProcessFlow? Saved,
    [property: Id(1)] IReadOnlyList<FlowProblem> Problems,
    [property: Id(2)] bool AlreadyExists = false)
{
    public bool IsValid => Problems.Count == 0 && !AlreadyExists;
}
