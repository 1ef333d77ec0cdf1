using System.Text;
using Microsoft.Extensions.Options;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary>Sends each deadline to the shard its id hashes to (a stable hash, so Cancel finds it).</summary>
public sealed class ShardedDeadlineScheduler(IGrainFactory grains, IOptions<DeadlineOptions> options) : IDeadlineScheduler
{
    public Task ScheduleAsync(string deadlineId, string instanceKey, DateTimeOffset dueAt) =>
        Shard(deadlineId).Schedule(deadlineId, instanceKey, dueAt);

    public Task CancelAsync(string deadlineId) => Shard(deadlineId).Cancel(deadlineId);

    private IDeadlineShardGrain Shard(string deadlineId) =>
        grains.GetGrain<IDeadlineShardGrain>(ShardOf(deadlineId, options.Value.ShardCount));

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
