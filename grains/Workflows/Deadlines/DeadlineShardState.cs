namespace OrderActors.Grains.Workflows.Deadlines;

[GenerateSerializer, Alias("OrderActors.Workflows.DeadlineShardState")]
public sealed class DeadlineShardState
{
    [Id(0)] public Dictionary<string, DeadlineEntry> Entries { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public long Fired { get; set; }
}
