namespace OrderActors.Events;

/// <summary>
/// The durable event log behind the feed. Only <see cref="EventFeedGrain"/> appends; anyone reads.
/// Implementations assign positions inside the appending transaction from a stored head, so a reader never
/// sees a position before every smaller one is committed.
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// Stores the events whose id is not stored yet, at the next positions, in one transaction.
    /// Returns every input event's position (a repeat gets the stored one) and the newly stored events.
    /// </summary>
    Task<EventLogAppend> AppendAsync(IReadOnlyList<FeedEvent> events, DateTimeOffset recordedAt, CancellationToken cancellationToken = default);

    /// <summary>Events after <paramref name="after"/> in position order; only those needing one of <paramref name="permissions"/> when given.</summary>
    Task<IReadOnlyList<FeedEvent>> ReadAsync(long after, int limit, IReadOnlyCollection<string>? permissions = null, CancellationToken cancellationToken = default);

    Task<long> GetHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes up to <paramref name="max"/> events recorded before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteRecordedBeforeAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken = default);
}

/// <param name="Positions">The position of each input event, in input order.</param>
/// <param name="Added">The events stored by this call, with their positions, ascending.</param>
/// <param name="Head">The newest position after the call.</param>
public sealed record EventLogAppend(IReadOnlyList<long> Positions, IReadOnlyList<FeedEvent> Added, long Head);
