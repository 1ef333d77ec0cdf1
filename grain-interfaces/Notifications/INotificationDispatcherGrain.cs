using Orleans.Concurrency;

namespace OrderActors.Notifications;

/// <summary>
/// The single consumer (key <see cref="Key"/>) that turns feed events into per-user notifications, following the
/// log from a stored checkpoint, so each event is considered once however many hosts run.
/// </summary>
public interface INotificationDispatcherGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>New events were committed; catch up. A lost wake-up is covered by a periodic reminder.</summary>
    [OneWay]
    Task Wake();

    /// <summary>Processes everything committed so far and returns the checkpoint reached.</summary>
    Task<long> CatchUp();
}
