using Orleans.Runtime;
using Orleans.Streams;
using OrderActors.Events;

namespace OrderActors.Grains.Events;

/// <summary>
/// Publishes events that a grain recorded in its state together with the change that caused them (the outbox).
/// Events leave the list only after the stream accepted them, oldest first, so a failure keeps the rest in order
/// for the next attempt (a timer, the next command, or the next activation). Consumers get at-least-once delivery
/// and drop repeats by <see cref="IDomainEvent.EventId"/>.
/// </summary>
public sealed class StreamOutbox<TEvent>(IStreamProvider provider, Func<TEvent, StreamId> route)
    where TEvent : IDomainEvent
{
    /// <summary>The stream provider name; equals OrleansSetup.StreamProvider in the hosts.</summary>
    public const string ProviderName = "events";

    /// <summary>Publishes and removes events from the front of <paramref name="outbox"/>; returns how many left it.</summary>
    public async Task<int> PublishAsync(List<TEvent> outbox)
    {
        var published = 0;
        try
        {
            foreach (var item in outbox)
            {
                await provider.GetStream<TEvent>(route(item)).OnNextAsync(item);
                published++;
            }
        }
        finally
        {
            outbox.RemoveRange(0, published);
        }
        return published;
    }
}
