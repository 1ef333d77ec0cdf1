namespace OrderActors.Housekeeping;

/// <summary>
/// The node's periodic storage upkeep, driven by a durable reminder so it keeps running across restarts.
/// One per installation: use key <see cref="SingletonKey"/>.
/// </summary>
public interface IHousekeepingGrain : IGrainWithIntegerKey
{
    const long SingletonKey = 0;

    /// <summary>Schedules the upkeep reminder unless it is already scheduled (an existing schedule is left as it is).</summary>
    Task EnsureScheduled();

    /// <summary>The scheduled upkeep tasks (registered reminders) and the outcome of the last run.</summary>
    Task<HousekeepingStatus> GetStatus();
}
