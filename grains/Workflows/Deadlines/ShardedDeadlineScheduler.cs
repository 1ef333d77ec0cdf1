using System.Text;
using Microsoft.Extensions.Options;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary>
/// Stores each deadline under the shard its id hashes to (a stable hash), and tells that shard at once when the
/// deadline is due within the notice window; the shard finds later ones when it next reads the store.
/// </summary>
public sealed class ShardedDeadlineScheduler(IGrainFactory grains, IDeadlineStore store, IOptions<DeadlineOptions> options, TimeProvider time) : IDeadlineScheduler
{
    public async Task ScheduleAsync(string deadlineId, string instanceKey, DateTimeOffset dueAt)
    {
        var shard = ShardOf(deadlineId, options.Value.ShardCount);
        await store.SetAsync(shard, deadlineId, new DeadlineEntry(instanceKey, dueAt));
        if (dueAt < time.GetUtcNow() + options.Value.NoticeWindow)
        {
            await grains.GetGrain<IDeadlineShardGrain>(shard).DueSoon(dueAt);
        }
    }

    public Task CancelAsync(string deadlineId) => store.RemoveAsync(deadlineId);

    public static int ShardOf(string deadlineId, int shardCount)
    {
        // FNV-1a over UTF-8: the same on every silo and every run, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(deadlineId))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return (int)(hash % (uint)shardCount);
    }
}
