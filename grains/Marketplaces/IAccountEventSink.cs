using OrderActors.Events;

namespace OrderActors.Grains.Marketplaces;

/// <summary>Where account events go so users are told (the real-time work subscribes to them).</summary>
public interface IAccountEventSink
{
    Task PublishAsync(AccountSyncFailed accountSyncFailed);
}
