using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using OrderActors.Events;

namespace OrderActors.ApiHost.Realtime;

/// <summary>
/// One SignalR connection's delivery: a single loop sends live batches and resume replays in turn, so what the
/// client receives is in position order with no repeats. Live events arriving during a replay wait in the queue
/// and are then sent only past the replayed positions.
/// </summary>
/// <remarks>
/// Positions up to <c>_replayFloor</c> were never offered to this connection live; positions after it up to
/// <c>_cursor</c> were. A resume replays only the never-offered range from the log, so it cannot repeat anything.
/// </remarks>
public sealed class FeedConnection
{
    // A client this far behind is disconnected; it reconnects and resumes from the log.
    private const int QueueLimit = 10_000;
    private const int ReplayPage = 500;

    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(QueueLimit) { SingleReader = true });
    private readonly IClientProxy _client;
    private readonly HubCallerContext _context;
    private readonly IEventLog _log;
    private readonly ILogger _logger;
    private long _cursor;
    private long _replayFloor;
    private FeedAudience _audience;

    public FeedConnection(HubCallerContext context, IClientProxy client, FeedAudience audience, long livePosition, IEventLog log, ILogger logger)
    {
        _context = context;
        _client = client;
        _audience = audience;
        _cursor = livePosition;
        _replayFloor = livePosition;
        _log = log;
        _logger = logger;
        Completion = Task.Run(PumpAsync);
    }

    public string ConnectionId => _context.ConnectionId;

    public FeedAudience Audience => Volatile.Read(ref _audience);

    public Task Completion { get; }

    public void Narrow(Func<FeedAudience, FeedAudience> change)
    {
        FeedAudience current, next;
        do
        {
            current = Volatile.Read(ref _audience);
            next = change(current);
        }
        while (Interlocked.CompareExchange(ref _audience, next, current) != current);
    }

    /// <summary>Queues committed events (ascending, from the host relay).</summary>
    public void Offer(IReadOnlyList<FeedEvent> events)
    {
        if (!_queue.Writer.TryWrite(new Work(events, null)))
        {
            _logger.LogWarning("Connection {ConnectionId} fell {Limit} batches behind; disconnecting it so it resumes", ConnectionId, QueueLimit);
            _context.Abort();
        }
    }

    /// <summary>Replays what this connection never received after <paramref name="after"/>, before anything newer. Returns how many were sent.</summary>
    public async Task<int> ResumeAsync(long after)
    {
        var replay = new Replay(after);
        await _queue.Writer.WriteAsync(new Work(null, replay));
        return await replay.Done.Task;
    }

    public void Close() => _queue.Writer.TryComplete();

    private async Task PumpAsync()
    {
        await foreach (var work in _queue.Reader.ReadAllAsync())
        {
            try
            {
                if (work.Live is { } live)
                {
                    await SendLiveAsync(live);
                }
                else if (work.Replay is { } replay)
                {
                    replay.Done.TrySetResult(await ReplayAsync(replay.After));
                }
            }
            catch (Exception ex)
            {
                work.Replay?.Done.TrySetException(ex);
                _logger.LogWarning(ex, "Delivering to connection {ConnectionId} failed; disconnecting it so it resumes", ConnectionId);
                _context.Abort();
                return;
            }
        }
    }

    private async Task SendLiveAsync(IReadOnlyList<FeedEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Position <= _cursor)
            {
                continue;
            }
            _cursor = e.Position;
            await SendIfWantedAsync(e);
        }
    }

    private async Task<int> ReplayAsync(long after)
    {
        var sent = 0;
        var upTo = _replayFloor;
        var position = after;
        while (position < upTo)
        {
            var page = await _log.ReadAsync(position, ReplayPage, Audience.Permissions);
            foreach (var e in page.TakeWhile(e => e.Position <= upTo))
            {
                sent += await SendIfWantedAsync(e) ? 1 : 0;
            }
            position = page.Count < ReplayPage || page[^1].Position >= upTo ? upTo : page[^1].Position;
        }
        _replayFloor = Math.Min(_replayFloor, after);
        // A client that already holds newer events (seen through another host) skips them here.
        _cursor = Math.Max(_cursor, after);
        return sent;
    }

    private async Task<bool> SendIfWantedAsync(FeedEvent e)
    {
        if (!Audience.Wants(e))
        {
            return false;
        }
        await _client.SendAsync(e.Type, FeedMessage.From(e));
        return true;
    }

    private sealed record Work(IReadOnlyList<FeedEvent>? Live, Replay? Replay);

    private sealed class Replay(long after)
    {
        public long After { get; } = after;

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
