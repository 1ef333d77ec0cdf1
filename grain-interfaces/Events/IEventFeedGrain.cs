namespace OrderActors.Events;

/// <summary>
/// The single sequencer of the global event feed (key <see cref="Key"/>): it gives every event the next position
/// and writes batches in one transaction, so positions become visible in order. Appending is idempotent by
/// <see cref="FeedEvent.EventId"/>, which turns producers' at-least-once delivery into exactly-once in the feed.
/// </summary>
public interface IEventFeedGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Stores the events not stored yet and returns each one's position. Concurrent calls are batched.</summary>
    Task<AppendResult> Append(IReadOnlyList<FeedEvent> events);

    /// <summary>The position of the newest stored event (0 for an empty feed).</summary>
    Task<long> GetHead();

    /// <summary>
    /// Registers a host's observer for committed batches. Registrations expire unless renewed, so hosts renew
    /// periodically and a dead host is dropped; a renewing host also learns of a feed that moved silos.
    /// </summary>
    Task Subscribe(IFeedObserver observer);

    Task Unsubscribe(IFeedObserver observer);
}
