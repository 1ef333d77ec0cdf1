namespace OrderActors.Workflows;

/// <summary>
/// Fires the pending deadlines of one shard (integer key 0..N-1), which are rows of the deadline store, with ONE
/// reminder per shard that re-activates it after a restart or a silo failure, and a timer for the nearest deadline.
/// 100,000 deadlines are 100,000 rows and N reminder rows, not 100,000 reminders (dotnet/orleans issue 947).
/// </summary>
public interface IDeadlineShardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Tells the shard of a deadline stored for <paramref name="dueAt"/>, sooner than its next look at the store: the
    /// scheduler calls it for deadlines due within the notice window, so they fire on time.
    /// </summary>
    Task DueSoon(DateTimeOffset dueAt);

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
