namespace OrderActors.Events;

/// <summary>The positions of an appended batch, in the order given, and how many of its events were new.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.AppendResult")]
public sealed record AppendResult(
    [property: Id(0)] IReadOnlyList<long> Positions,
    [property: Id(1)] int Added,
    [property: Id(2)] long Head);
