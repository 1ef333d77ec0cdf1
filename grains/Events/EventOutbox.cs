using Microsoft.Extensions.Logging;

namespace OrderActors.Events;

/// <summary>
/// The transactional outbox of a grain: events are recorded in the grain's state and written with the change
/// that caused them, then handed to the feed. Nothing acknowledged is lost: if the silo dies before the hand-off,
/// the next activation hands them over (<see cref="ActivateAsync"/>); if the feed cannot be reached, a timer
/// retries; the handed-over events leave the state in memory and are stored cleared with the grain's next write or on
/// deactivation (<see cref="SaveClearedAsync"/>), and if that is lost the feed drops the repeat by event id.
/// </summary>
/// <example>
/// <code>
/// outbox.Record(evt);                // alongside the state change
/// await state.WriteStateAsync();     // the change and its events are durable together
/// await outbox.FlushAsync();         // now; on failure retried on a timer and on the next activation
/// // and in OnDeactivateAsync: await outbox.SaveClearedAsync();
/// </code>
/// </example>
public sealed class EventOutbox<TState>(IGrainBase grain, IPersistentState<TState> state, IGrainFactory grains, ILogger logger)
    where TState : IHasEventOutbox
{
    private IGrainTimer? _retry;
    private bool _cleared;

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<FeedEvent> Pending => state.State.PendingEvents;

    /// <summary>Adds an event to the state; it becomes durable with the caller's next WriteStateAsync.</summary>
    public void Record(FeedEvent feedEvent) => state.State.PendingEvents.Add(feedEvent);

    /// <summary>Call from OnActivateAsync (after the state is read): hands over what a previous activation left.</summary>
    public Task ActivateAsync() => FlushAsync();

    /// <summary>Hands the pending events to the feed and clears them from the state. False when the feed could not be reached (a retry is scheduled).</summary>
    public async Task<bool> FlushAsync()
    {
        var pending = state.State.PendingEvents.ToList();
        if (pending.Count == 0)
        {
            StopRetrying();
            return true;
        }
        try
        {
            await grains.GetGrain<IEventFeedGrain>(IEventFeedGrain.Key).Append(pending);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Handing {Count} events to the feed failed; they stay in the outbox", pending.Count);
            _retry ??= grain.RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions(RetryInterval, RetryInterval) { KeepAlive = true });
            return false;
        }
        var handed = pending.Select(e => e.EventId).ToHashSet();
        // Cleared in memory only: the grain's next write carries it, or SaveClearedAsync on deactivation. A write of its
        // own here would double the state writes of every change; if the silo dies first, the next activation hands
        // the events over again and the feed ignores the repeat.
        _cleared |= state.State.PendingEvents.RemoveAll(e => handed.Contains(e.EventId)) > 0;
        if (state.State.PendingEvents.Count == 0)
        {
            StopRetrying();
        }
        return true;
    }

    /// <summary>Call from OnDeactivateAsync: stores the outbox cleared since the activation's last write, if any.</summary>
    public async Task SaveClearedAsync()
    {
        if (!_cleared)
        {
            return;
        }
        try
        {
            await state.WriteStateAsync();
            _cleared = false;
        }
        catch (Exception ex)
        {
            // The feed has them; the next activation repeats them and the feed ignores the repeat.
            logger.LogWarning(ex, "Storing the cleared event outbox failed");
        }
    }

    private Task RetryAsync(CancellationToken cancellationToken) => FlushAsync();

    private void StopRetrying()
    {
        _retry?.Dispose();
        _retry = null;
    }
}
