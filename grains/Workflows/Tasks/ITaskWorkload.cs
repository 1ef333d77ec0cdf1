namespace OrderActors.Grains.Workflows.Tasks;

/// <summary>How many open tasks each user has (from the inbox read model), to pick the least loaded.</summary>
public interface ITaskWorkload
{
    Task<IReadOnlyDictionary<string, int>> GetOpenTaskCountsAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default);
}
