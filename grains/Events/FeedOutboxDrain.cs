using Microsoft.Extensions.Logging;

namespace OrderActors.Events;

/// <summary>
/// Drains an outbox a grain keeps in its own event type (returns, billing) into the durable feed: the events were
/// written with the change that raised them; here they are appended to the feed, then removed and the state saved.
/// A silo lost before the append leaves them stored for the next activation (call <see cref="DrainAsync"/> from
/// OnActivateAsync); a feed that cannot be reached is retried on a timer; a crash between the append and the save
/// repeats the append, which the feed drops by event id (the feed id is derived from the grain's event id).
/// </summary>
public sealed class FeedOutboxDrain<TEvent>(
    IGrainBase grain,
    IGrainFactory grains,
    Func<List<TEvent>> outbox,
    Func<TEvent, FeedEvent> toFeed,
    Func<Task> save,
    ILogger logger)
{
    private IGrainTimer? _retry;

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>False when the feed could not be reached (the events stay stored and a retry is scheduled).</summary>
    public async Task<bool> DrainAsync()
    {
        var pending = outbox().ToList();
        if (pending.Count == 0)
        {
            StopRetrying();
            return true;
        }
        try
        {
            await grains.GetGrain<IEventFeedGrain>(IEventFeedGrain.Key).Append(pending.Select(toFeed).ToList());
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Handing {Count} events to the feed failed; they stay in the outbox", pending.Count);
            _retry ??= grain.RegisterGrainTimer(_ => DrainAsync(), new GrainTimerCreationOptions(RetryInterval, RetryInterval) { KeepAlive = true });
            return false;
        }
        // Only what was handed over: events recorded meanwhile stay for the next drain.
        outbox().RemoveAll(e => pending.Contains(e));
        try
        {
            await save();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Clearing the drained outbox failed; the feed ignores the repeat");
        }
        if (outbox().Count == 0)
        {
            StopRetrying();
        }
        return true;
    }

    private void StopRetrying()
    {
        _retry?.Dispose();
        _retry = null;
    }
}
