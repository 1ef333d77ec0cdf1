using Microsoft.AspNetCore.SignalR;
using OrderActors.Events;

namespace OrderActors.ApiHost.Realtime;

/// <summary>Committed events (ascending) with their wire messages, built once per host for every connection.</summary>
public sealed class FeedBatch
{
    public FeedBatch(IReadOnlyList<FeedEvent> events)
    {
        Events = events;
        Messages = new SerializedHubMessage[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            Messages[i] = FeedWireMessage.For(events[i]);
        }
    }

    public IReadOnlyList<FeedEvent> Events { get; }

    public SerializedHubMessage[] Messages { get; }
}
