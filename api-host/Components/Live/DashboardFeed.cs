using System.Collections.Concurrent;
using OrderActors.ApiHost.Realtime;
using OrderActors.Events;

namespace OrderActors.ApiHost.Components.Live;

/// <summary>
/// The in-process side of this host's feed relay for dashboard circuits: one handler on <see cref="FeedRelay.Relayed"/>
/// fans each relayed batch out to the open circuits' <see cref="LiveFeed"/>s. Delivery to a circuit never blocks the relay.
/// </summary>
public sealed class DashboardFeed : IDisposable
{
    private readonly FeedRelay _relay;
    private readonly ConcurrentDictionary<LiveFeed, byte> _circuits = new();

    public DashboardFeed(FeedRelay relay)
    {
        _relay = relay;
        _relay.Relayed += Fan;
    }

    /// <summary>The newest position this host has relayed: where a new circuit starts listening.</summary>
    public long Position => _relay.Position;

    public void Add(LiveFeed feed) => _circuits[feed] = 0;

    public void Remove(LiveFeed feed) => _circuits.TryRemove(feed, out _);

    public void Dispose() => _relay.Relayed -= Fan;

    private void Fan(IReadOnlyList<FeedEvent> events)
    {
        foreach (var circuit in _circuits.Keys)
        {
            circuit.Offer(events);
        }
    }
}
