using System.Diagnostics;
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

    // With many connections, batches committed within a short window go out together: one write (one WebSocket
    // frame) per connection for all of them instead of one per batch, since per-write costs (a flush, a send-loop
    // wake-up and a syscall on each side) dominate at thousands of connections. The window grows with the number of
    // connections (EventFeedOptions.CoalescePerConnection each, so a few dozen connections wait nothing) up to
    // EventFeedOptions.MaxCoalesceWindow. It paces CPU work, not business time, so it uses the real clock.
    private static readonly TimeSpan MinCoalesceWindow = TimeSpan.FromMilliseconds(1);

    private readonly Channel<IReadOnlyList<FeedEvent>?> _inbox = Channel.CreateUnbounded<IReadOnlyList<FeedEvent>?>(new UnboundedChannelOptions { SingleReader = true });
    // Connections, their snapshot and the position change only under _positionLock, which Dispatch holds while it
    // hands a batch to every connection.
    private readonly Dictionary<string, FeedConnection> _connections = new(StringComparer.Ordinal);
    private readonly Lock _positionLock = new();
    private FeedConnection[] _snapshot = [];
    private bool _snapshotStale;
    private volatile int _connectionCount;
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
            _connectionCount = _connections.Count;
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
            _connectionCount = _connections.Count;
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
            var reader = _inbox.Reader;
            var lastDispatch = Stopwatch.GetTimestamp();
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var wait = CoalesceWindow() - Stopwatch.GetElapsedTime(lastDispatch);
                if (wait >= MinCoalesceWindow)
                {
                    await Task.Delay(wait, stoppingToken);
                }
                var lookInLog = false;
                var events = new List<FeedEvent>();
                while (reader.TryRead(out var batch))
                {
                    if (batch is null || batch.Count == 0)
                    {
                        lookInLog = true;
                    }
                    else
                    {
                        events.AddRange(batch);
                    }
                }
                await RelayAsync(lookInLog, events, stoppingToken);
                lastDispatch = Stopwatch.GetTimestamp();
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

    private TimeSpan CoalesceWindow()
    {
        var settings = options.Value;
        var window = settings.CoalescePerConnection * _connectionCount;
        return window < settings.MaxCoalesceWindow ? window : settings.MaxCoalesceWindow;
    }

    /// <summary>Relays the notified events, first filling from the log any hole before or between them (or everything new, when asked to look).</summary>
    private async Task RelayAsync(bool lookInLog, List<FeedEvent> events, CancellationToken ct)
    {
        try
        {
            events.Sort(static (a, b) => a.Position.CompareTo(b.Position));
            if (lookInLog || !FollowsOn(events))
            {
                await CatchUpAsync(lookInLog ? long.MaxValue : events[^1].Position, ct);
            }
            if (events.Count > 0)
            {
                Dispatch(events);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The next batch or renewal fills the gap from the log.
            logger.LogWarning(ex, "Relaying feed events failed");
        }
    }

    /// <summary>Do the (sorted) events continue the relayed position without a hole? Repeats are fine: dispatch skips them.</summary>
    private bool FollowsOn(List<FeedEvent> events)
    {
        var next = Position + 1;
        foreach (var e in events)
        {
            if (e.Position > next)
            {
                return false;
            }
            next = Math.Max(next, e.Position + 1);
        }
        return true;
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
