using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Grains.Housekeeping;

namespace OrderActors.Events;

/// <summary>
/// The feed's single sequencer. Appends arriving while a transaction is in flight are queued and written together
/// in the next one (group commit), so throughput grows with concurrency while positions stay gap-free and
/// commit-ordered. After each commit it tells the registered hosts (one-way), GPSTracker style.
/// </summary>
[Reentrant]
public sealed class EventFeedGrain(
    IEventLog log,
    IOptions<EventFeedOptions> options,
    TimeProvider time,
    ILogger<EventFeedGrain> logger) : Grain, IEventFeedGrain, IRemindable
{
    private const string RetentionReminder = "event-retention";
    private const int CleanupChunk = 5000;

    private readonly Queue<PendingAppend> _pending = new();
    private readonly Dictionary<IFeedObserver, DateTimeOffset> _observers = [];
    private bool _writing;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.CleanupInterval < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : options.Value.CleanupInterval;
        await this.RegisterOrUpdateReminder(RetentionReminder, interval, interval);
    }

    public Task<AppendResult> Append(IReadOnlyList<FeedEvent> events) =>
        events.Count == 0 ? AppendNothingAsync() : Enqueue(events);

    private async Task<AppendResult> AppendNothingAsync() => new([], 0, await GetHead());

    private Task<AppendResult> Enqueue(IReadOnlyList<FeedEvent> events)
    {
        var pending = new PendingAppend(events);
        _pending.Enqueue(pending);
        if (!_writing)
        {
            _writing = true;
            _ = WriteLoopAsync();
        }
        return pending.Completion.Task;
    }

    public Task<long> GetHead() => Task.Run(() => log.GetHeadAsync());

    public Task Subscribe(IFeedObserver observer)
    {
        _observers[observer] = time.GetUtcNow() + options.Value.ObserverExpiry;
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IFeedObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RetentionReminder)
        {
            return;
        }
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        var total = await BatchedDeletes.UntilDoneAsync(max => Task.Run(() => log.DeleteRecordedBeforeAsync(cutoff, max)), CleanupChunk);
        if (total > 0)
        {
            logger.LogInformation("Event retention removed {Count} events recorded before {Cutoff:O}", total, cutoff);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (_pending.Count > 0)
            {
                var batch = TakeBatch();
                var events = batch.SelectMany(p => p.Events).ToList();
                try
                {
                    var recordedAt = time.GetUtcNow();
                    // Off the grain's scheduler: SQLite's "async" API blocks, and while this batch commits the grain
                    // must keep accepting appends, which form the next batch (group commit).
                    var result = await Task.Run(() => log.AppendAsync(events, recordedAt));
                    var addedPositions = result.Added.Select(a => a.Position).ToHashSet();
                    var offset = 0;
                    foreach (var append in batch)
                    {
                        var positions = result.Positions.Skip(offset).Take(append.Events.Count).ToList();
                        offset += append.Events.Count;
                        var added = positions.Distinct().Count(addedPositions.Contains);
                        append.Completion.TrySetResult(new AppendResult(positions, added, result.Head));
                    }
                    Notify(result.Added);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Appending {Count} events to the feed failed", events.Count);
                    foreach (var append in batch)
                    {
                        append.Completion.TrySetException(ex);
                    }
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private List<PendingAppend> TakeBatch()
    {
        var batch = new List<PendingAppend> { _pending.Dequeue() };
        var size = batch[0].Events.Count;
        while (_pending.TryPeek(out var next) && size + next.Events.Count <= options.Value.MaxBatchSize)
        {
            batch.Add(_pending.Dequeue());
            size += next.Events.Count;
        }
        return batch;
    }

    private void Notify(IReadOnlyList<FeedEvent> added)
    {
        if (added.Count == 0)
        {
            return;
        }
        GrainFactory.GetGrain<Notifications.INotificationDispatcherGrain>(Notifications.INotificationDispatcherGrain.Key).Wake().Ignore();
        var now = time.GetUtcNow();
        foreach (var (observer, expires) in _observers.ToList())
        {
            if (expires < now)
            {
                _observers.Remove(observer);
                continue;
            }
            try
            {
                _ = observer.OnCommitted(added);
            }
            catch (Exception ex)
            {
                // A host that cannot be reached catches up from the log when it renews.
                logger.LogDebug(ex, "Notifying a feed observer failed");
            }
        }
    }

    private sealed class PendingAppend(IReadOnlyList<FeedEvent> events)
    {
        public IReadOnlyList<FeedEvent> Events { get; } = events;

        public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
