namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary>
/// The durable, indexed deadlines of every shard: one row per deadline, so scheduling one costs a row write however
/// many are pending (a shard's grain state holding all of them made every schedule rewrite the whole shard).
/// Changes of concurrent callers are committed together; a call returns once its change is durable.
/// </summary>
public interface IDeadlineStore
{
    /// <summary>Adds the deadline, or moves it when <paramref name="deadlineId"/> is pending already.</summary>
    Task SetAsync(int shard, string deadlineId, DeadlineEntry entry);

    /// <summary>Removes the deadline (one that is not there is fine).</summary>
    Task RemoveAsync(string deadlineId);

    /// <summary>The shard's deadlines due at <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<PendingDeadline>> DueAsync(int shard, DateTimeOffset now, int max);

    /// <summary>
    /// After a firing: removes the <paramref name="delivered"/> deadlines and moves the <paramref name="failed"/> ones to
    /// <paramref name="retryAt"/>, each only if it was not moved or replaced meanwhile, in one transaction.
    /// </summary>
    Task CompleteAsync(IReadOnlyCollection<PendingDeadline> delivered, IReadOnlyCollection<PendingDeadline> failed, DateTimeOffset retryAt);

    /// <summary>When the shard's earliest deadline is due; null when none is pending.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(int shard);

    Task<int> CountAsync(int shard);
}
