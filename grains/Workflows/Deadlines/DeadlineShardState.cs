namespace OrderActors.Grains.Workflows.Deadlines;

[GenerateSerializer, Alias("OrderActors.Workflows.DeadlineShardState")]
public sealed class DeadlineShardState
{
    /// <summary>Where earlier versions kept the shard's deadlines; moved to the deadline store on activation.</summary>
    [Id(0)] public Dictionary<string, DeadlineEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public long Fired { get; set; }
}
