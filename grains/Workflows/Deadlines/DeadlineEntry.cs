namespace OrderActors.Grains.Workflows.Deadlines;

[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.DeadlineEntry")]
public sealed record DeadlineEntry(
    [property: Id(0)] string InstanceKey,
    [property: Id(1)] DateTimeOffset DueAt);
