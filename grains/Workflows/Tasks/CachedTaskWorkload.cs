using System.Collections.Concurrent;

namespace OrderActors.Grains.Workflows.Tasks;

/// <summary>
/// Open-task counts for choosing the least loaded assignee, read from the inbox read model at most once per
/// <see cref="Freshness"/> per user and silo, and counted up here for every assignment made meanwhile. Counting a
/// user's open tasks reads one index entry per open task, so at a peak (thousands of open accept tasks per person)
/// asking for every new task would cost the database more than the rest of the order. The choice balances work, it
/// is not a rule: counts a few seconds old (missing tasks closed or assigned on other silos since) are good enough.
/// </summary>
public sealed class CachedTaskWorkload(ITaskWorkload source, TimeProvider time) : ITaskWorkload
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (int Open, DateTimeOffset ReadAt)> _counts = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, int>> GetOpenTaskCountsAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var stale = userIds.Where(u => !_counts.TryGetValue(u, out var held) || now - held.ReadAt >= Freshness).Distinct(StringComparer.Ordinal).ToList();
        if (stale.Count > 0)
        {
            var read = await source.GetOpenTaskCountsAsync(stale, cancellationToken);
            foreach (var user in stale)
            {
                _counts[user] = (read.GetValueOrDefault(user), now);
            }
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var user in userIds)
        {
            counts[user] = _counts.TryGetValue(user, out var held) ? held.Open : 0;
        }
        return counts;
    }

    public void Assigned(string userId) =>
        _counts.AddOrUpdate(userId, _ => (1, DateTimeOffset.MinValue), (_, held) => (held.Open + 1, held.ReadAt));
}
