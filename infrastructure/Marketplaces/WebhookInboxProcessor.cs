using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrderActors.Marketplaces.Webhooks;

/// <summary>
/// Applies stored webhook deliveries through their account grains. A lease loop takes due rows in batches (leases keep
/// several api-hosts from applying the same row at once); each account has a lane that hands everything queued for it
/// to <see cref="IPlatformAccountGrain.ApplyWebhooks"/> in one call, while the next deliveries queue behind it. The
/// grain applies different orders concurrently and one order's deliveries in inbox order; lanes of different accounts
/// run side by side. Applied rows are marked in one statement per call; failures are retried with backoff.
/// </summary>
public sealed class WebhookInboxProcessor(WebhookInbox inbox, IClusterClient orleans, IOptions<MarketplaceOptions> options, ILogger<WebhookInboxProcessor> logger)
    : BackgroundService
{
    /// <summary>Leased rows held in memory at most; beyond it the lease loop waits for lanes to settle rows.</summary>
    private const int MaxHeld = 4096;

    /// <summary>Deliveries per grain call: bounded so one call stays well inside the grain call timeout.</summary>
    private const int MaxPerCall = 128;

    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Queue<InboxItem>> _lanes = [];
    private readonly HashSet<long> _held = [];
    private readonly List<Task> _running = [];

    /// <summary>Wakes the processor after a new delivery was stored (it also polls every second).</summary>
    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ApplyWebhooks)
        {
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var full = false;
                try
                {
                    int room;
                    lock (_lock)
                    {
                        room = Math.Min(options.Value.WebhookLeaseBatchSize, MaxHeld - _held.Count);
                    }
                    if (room > 0)
                    {
                        var items = await inbox.LeaseDueAsync(room, stoppingToken);
                        Dispatch(items, stoppingToken);
                        full = items.Count == room;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Reading the webhook inbox failed");
                }
                if (!full)
                {
                    await _signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }
        // Calls in flight finish (their outcome is recorded); rows still only queued go back to the inbox at once
        // instead of waiting out their lease.
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        List<long> unsettled;
        lock (_lock)
        {
            unsettled = [.. _held];
        }
        try
        {
            await inbox.ReleaseAsync(unsettled, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Releasing {Count} leased webhook deliveries failed; they are applied when their lease ends: {Error}", unsettled.Count, ex.Message);
        }
    }

    private void Dispatch(IReadOnlyList<InboxItem> items, CancellationToken stoppingToken)
    {
        lock (_lock)
        {
            foreach (var item in items)
            {
                // A row whose lease ran out while this host still holds it is already queued here.
                if (!_held.Add(item.Id))
                {
                    continue;
                }
                if (!_lanes.TryGetValue(item.AccountId, out var lane))
                {
                    _lanes[item.AccountId] = lane = new Queue<InboxItem>();
                    var task = Task.Run(() => RunLaneAsync(item.AccountId, lane, stoppingToken), CancellationToken.None);
                    _running.Add(task);
                    _ = task.ContinueWith(t =>
                    {
                        lock (_lock)
                        {
                            _running.Remove(t);
                        }
                    }, TaskScheduler.Default);
                }
                lane.Enqueue(item);
            }
        }
    }

    /// <summary>One account's deliveries, one grain call at a time, in inbox order; ends when its queue is empty.</summary>
    private async Task RunLaneAsync(Guid accountId, Queue<InboxItem> lane, CancellationToken stoppingToken)
    {
        while (true)
        {
            List<InboxItem> batch;
            lock (_lock)
            {
                if (lane.Count == 0 || stoppingToken.IsCancellationRequested)
                {
                    _lanes.Remove(accountId);
                    return;
                }
                batch = [];
                while (batch.Count < MaxPerCall && lane.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }
            var handBack = await ApplyAsync(accountId, batch, stoppingToken);
            lock (_lock)
            {
                if (handBack.Count > 0)
                {
                    // Some were not started: the rest of this account's queue goes back too, so the next lease takes
                    // them all again in inbox order.
                    handBack.AddRange(lane.Select(i => i.Id));
                    foreach (var item in lane)
                    {
                        _held.Remove(item.Id);
                    }
                    lane.Clear();
                }
                // Forgotten here before they are handed back, so the lease loop queues them again when it re-leases them.
                foreach (var item in batch)
                {
                    _held.Remove(item.Id);
                }
            }
            await ReleaseQuietlyAsync(handBack);
            Notify(); // room for the lease loop
        }
    }

    /// <summary>Applies one call's batch and records the outcomes; returns the ids the grain did not start (to hand back).</summary>
    private async Task<List<long>> ApplyAsync(Guid accountId, List<InboxItem> batch, CancellationToken stoppingToken)
    {
        IReadOnlyList<WebhookApplyOutcome> outcomes;
        try
        {
            outcomes = await orleans.GetGrain<IPlatformAccountGrain>(accountId).ApplyWebhooks(batch.Select(i => i.Delivery).ToList());
        }
        catch (Exception ex)
        {
            outcomes = batch.Select(_ => new WebhookApplyOutcome(ex.Message)).ToList();
        }
        try
        {
            await inbox.MarkProcessedAsync(batch.Where((_, i) => outcomes[i].Settled).Select(i => i.Id).ToList(), stoppingToken);
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i].Retry)
                {
                    logger.LogWarning("Applying webhook {Id} of {Platform} account {AccountId} failed: {Error}", batch[i].Id, batch[i].Platform, accountId, outcomes[i].RetryError);
                    await inbox.MarkFailedAsync(batch[i].Id, batch[i].Attempts + 1, outcomes[i].RetryError!, stoppingToken);
                }
                else if (outcomes[i].Note is { } note && !outcomes[i].Deferred)
                {
                    logger.LogInformation("Webhook {Id} of {Platform} account {AccountId} not applied: {Note}", batch[i].Id, batch[i].Platform, accountId, note);
                }
            }
        }
        catch (Exception ex)
        {
            // The rows stay leased until the lease ends, then are applied again (applying is idempotent).
            logger.LogWarning("Recording the outcome of {Count} webhook deliveries of account {AccountId} failed: {Error}", batch.Count, accountId, ex.Message);
        }
        return batch.Where((_, i) => outcomes[i].Deferred).Select(i => i.Id).ToList();
    }

    private async Task ReleaseQuietlyAsync(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }
        try
        {
            await inbox.ReleaseAsync(ids, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Handing back {Count} leased webhook deliveries failed; they are applied when their lease ends: {Error}", ids.Count, ex.Message);
        }
    }
}
