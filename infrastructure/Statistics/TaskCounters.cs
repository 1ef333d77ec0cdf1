namespace OrderActors.Statistics;

/// <summary>Open tasks (Open, Assigned, Claimed) in total, by the step's role ("" for none) and by status.</summary>
public sealed record TaskCounters(int Open, IReadOnlyDictionary<string, int> ByRole, IReadOnlyDictionary<string, int> ByStatus)
{
    public static TaskCounters None { get; } = new(0, new Dictionary<string, int>(), new Dictionary<string, int>());

    public bool SameAs(TaskCounters other) =>
        Open == other.Open && ByRole.OrderBy(p => p.Key).SequenceEqual(other.ByRole.OrderBy(p => p.Key))
        && ByStatus.OrderBy(p => p.Key).SequenceEqual(other.ByStatus.OrderBy(p => p.Key));
}
