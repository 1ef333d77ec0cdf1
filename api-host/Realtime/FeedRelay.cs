using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrderActors.Events;

namespace OrderActors.ApiHost.Realtime;

/// <summary>
/// This api-host's single link to the feed (GPSTracker style): one observer registered with the feed grain,
/// renewed periodically, relaying every committed event to this host's own connections in position order.
/// Notifications are only a fast path: a batch that does not follow the last relayed position, or a silence
/// noticed at renewal, is filled from the event log, so a lost notification delays an event but never drops it.
/// </summary>
public sealed class FeedRelay(
    IClusterClient orleans,
    IEventLog log,
    OrdersHubLifetimeManager hubConnections,
    IOptions<EventFeedOptions> options,
    ILogger<FeedRelay> logger) : BackgroundService, IFeedObserver
{
    private const int CatchUpPage = 500;

    private readonly Channel<IReadOnlyList<FeedEvent>?> _inbox = Channel.CreateUnbounded<IReadOnlyList<FeedEvent>?>(new UnboundedChannelOptions { SingleReader = true });
    // Connections, their snapshot and the position change only under _positionLock, which Dispatch holds while it
    // hands a batch to every connection.
    private readonly Dictionary<string, FeedConnection> _connections = new(StringComparer.Ordinal);
    private readonly Lock _positionLock = new();
    private FeedConnection[] _snapshot = [];
    private bool _snapshotStale;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    /// <summary>The newest position relayed by this host.</summary>
    public long Position
    {
        get
        {
            lock (_positionLock)
            {
                return _position;
            }
        }
    }

    /// <summary>Raised after each relayed batch (for live statistics).</summary>
    public event Action<IReadOnlyList<FeedEvent>>? Relayed;

    public IReadOnlyList<FeedConnection> Connections
    {
        get
        {
            lock (_positionLock)
            {
                return Snapshot();
            }
        }
    }

    public Task OnCommitted(IReadOnlyList<FeedEvent> events)
    {
        _inbox.Writer.TryWrite(events);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Adds a connection that receives every event after the current position live; with <paramref name="resumeAfter"/>
    /// it first replays what it missed after that position (<see cref="Connected.Replay"/>), before any live event.
    /// </summary>
    public async Task<Connected> ConnectAsync(HubCallerContext context, FeedAudience audience, long? resumeAfter = null)
    {
        await _started.Task.WaitAsync(context.ConnectionAborted);
        var hubConnection = hubConnections.Find(context.ConnectionId)
            ?? throw new HubException("This connection is not known to the hub.");
        lock (_positionLock)
        {
            // Under the lock, so each event is either at most this position (in the log) or offered to the connection.
            var connection = new FeedConnection(hubConnection, _positionLock, audience, _position, log, logger);
            var replay = resumeAfter is { } after ? connection.ResumeUnderLock(after) : null;
            _connections[context.ConnectionId] = connection;
            _snapshotStale = true;
            return new Connected(connection, replay);
        }
    }

    public FeedConnection? Find(string connectionId)
    {
        lock (_positionLock)
        {
            return _connections.GetValueOrDefault(connectionId);
        }
    }

    public void Disconnect(string connectionId)
    {
        FeedConnection? connection;
        lock (_positionLock)
        {
            if (!_connections.Remove(connectionId, out connection))
            {
                return;
            }
            _snapshotStale = true;
        }
        connection.Close();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _position = await WaitForHeadAsync(stoppingToken);
        _started.TrySetResult();
        var reference = orleans.CreateObjectReference<IFeedObserver>(this);
        var feed = orleans.GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);
        var renew = RenewLoopAsync(feed, reference, stoppingToken);
        try
        {
            await foreach (var batch in _inbox.Reader.ReadAllAsync(stoppingToken))
            {
                await RelayAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await renew;
            try
            {
                await feed.Unsubscribe(reference);
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Unsubscribing from the feed at shutdown failed; the registration expires");
            }
            orleans.DeleteObjectReference<IFeedObserver>(reference);
        }
    }

    private async Task<long> WaitForHeadAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await log.GetHeadAsync(ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Reading the event feed head failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task RenewLoopAsync(IEventFeedGrain feed, IFeedObserver reference, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await feed.Subscribe(reference);
                // A null batch makes the relay loop look in the log for anything a lost notification did not bring.
                _inbox.Writer.TryWrite(null);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Registering this host with the event feed failed; retrying");
            }
            try
            {
                await Task.Delay(options.Value.HostRenewInterval, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RelayAsync(IReadOnlyList<FeedEvent>? batch, CancellationToken ct)
    {
        try
        {
            if (batch is null || batch.Count == 0 || batch[0].Position > Position + 1)
            {
                await CatchUpAsync(batch is { Count: > 0 } ? batch[^1].Position : long.MaxValue, ct);
            }
            if (batch is not null)
            {
                Dispatch(batch);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The next batch or renewal fills the gap from the log.
            logger.LogWarning(ex, "Relaying feed events failed");
        }
    }

    private async Task CatchUpAsync(long upTo, CancellationToken ct)
    {
        while (Position < upTo)
        {
            var page = await log.ReadAsync(Position, CatchUpPage, cancellationToken: ct);
            Dispatch(page);
            if (page.Count < CatchUpPage)
            {
                return;
            }
        }
    }

    private void Dispatch(IReadOnlyList<FeedEvent> events)
    {
        FeedBatch batch;
        lock (_positionLock)
        {
            var fresh = events.Where(e => e.Position > _position).OrderBy(e => e.Position).ToList();
            if (fresh.Count == 0)
            {
                return;
            }
            _position = fresh[^1].Position;
            batch = new FeedBatch(fresh);
            foreach (var connection in Snapshot())
            {
                connection.Deliver(batch);
            }
        }
        Relayed?.Invoke(batch.Events);
    }

    private FeedConnection[] Snapshot()
    {
        if (_snapshotStale)
        {
            _snapshot = [.. _connections.Values];
            _snapshotStale = false;
        }
        return _snapshot;
    }

    /// <summary>A registered connection and, when it connected with a resume position, its replay.</summary>
    public sealed record Connected(FeedConnection Connection, Task<int>? Replay);
}
