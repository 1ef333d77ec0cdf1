namespace OrderActors.Grains.Housekeeping;

/// <summary>
/// One kind of upkeep of the node's storage, run by the housekeeping grain (for SQLite: checkpoint and shrink the WAL,
/// refresh planner statistics; for the idempotency store: remove expired records). Register with TryAddEnumerable.
/// </summary>
public interface IStorageHousekeeper
{
    /// <summary>Runs one round of upkeep and describes what it did.</summary>
    Task<string> RunAsync(CancellationToken cancellationToken);
}
