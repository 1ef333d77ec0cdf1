namespace OrderActors.Workflows;

/// <summary>A flow as listed: its latest version and whether new orders start it.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.FlowSummary")]
public sealed record FlowSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int Version,
    [property: Id(3)] bool Active,
    [property: Id(4)] FlowTrigger Trigger,
    [property: Id(5)] int Priority);
