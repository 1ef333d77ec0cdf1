namespace OrderActors.Grains.Housekeeping;

/// <summary>Upkeep of the node's storage (for SQLite: checkpoint and shrink the WAL, refresh planner statistics).</summary>
public interface IStorageHousekeeper
{
    /// <summary>Runs one round of upkeep and describes what it did.</summary>
    Task<string> RunAsync(CancellationToken cancellationToken);
}
