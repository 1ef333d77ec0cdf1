namespace OrderActors.Workflows;

/// <summary>
/// Holds the pending deadlines of one shard (integer key 0..N-1) in its state, with ONE reminder per shard that
/// re-activates it after a restart or a silo failure, and a timer for the nearest deadline. 100,000 deadlines
/// are N state rows and N reminder rows, not 100,000 reminders (dotnet/orleans issue 947).
/// </summary>
public interface IDeadlineShardGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or moves a deadline; <paramref name="instanceKey"/>'s instance is told when it comes.</summary>
    Task Schedule(string deadlineId, string instanceKey, DateTimeOffset dueAt);

    Task Cancel(string deadlineId);

    /// <summary>How many deadlines are pending and when the nearest is due.</summary>
    Task<DeadlineShardStatus> GetStatus();

    /// <summary>Makes sure the shard is active and its timer armed (called periodically by each silo).</summary>
    Task Wake();
}

[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.DeadlineShardStatus")]
public sealed record DeadlineShardStatus(
    [property: Id(0)] int Pending,
    [property: Id(1)] DateTimeOffset? NextDueAt,
    [property: Id(2)] long Fired);
