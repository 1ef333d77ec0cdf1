namespace OrderActors.Grains.Workflows.Tasks;

/// <summary>How many open tasks each user has (from the inbox read model), to pick the least loaded.</summary>
public interface ITaskWorkload
{
    Task<IReadOnlyDictionary<string, int>> GetOpenTaskCountsAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>A task was just assigned to <paramref name="userId"/> (a source that counts from the read model ignores it).</summary>
    void Assigned(string userId)
    {
    }
}
