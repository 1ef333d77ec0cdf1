using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using OrderActors.Events;

namespace OrderActors.ApiHost.Realtime;

/// <summary>
/// One SignalR connection's delivery, in position order with no repeats. Normally <em>direct</em>: the host relay
/// writes each wanted event's shared, already serialized message straight to the connection, with no task, queue or
/// allocation per connection. While a resume replays from the log it is <em>queued</em>: live batches wait in this
/// connection's queue and one loop sends the replay and then them, past the replayed positions; once the queue is
/// empty it turns direct again.
/// </summary>
/// <remarks>
/// Positions up to <c>_replayFloor</c> were never offered to this connection live; positions after it up to
/// <c>_cursor</c> were. A resume replays only the never-offered range from the log, so it cannot repeat anything.
/// The switch between direct and queued happens under the relay's dispatch lock, so every batch is either written
/// before the switch or queued after it. SignalR writes to one connection in the order they were started.
/// </remarks>
public sealed class FeedConnection
{
    // A client this far behind is disconnected; it reconnects and resumes from the log.
    private const int QueueLimit = 10_000;
    private const int PendingWriteLimit = 10_000;
    private const int ReplayPage = 500;

    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(QueueLimit) { SingleReader = true });
    private readonly HubConnectionContext _connection;
    private readonly Lock _dispatchLock;
    private readonly IEventLog _log;
    private readonly ILogger _logger;
    private long _cursor;
    private long _replayFloor;
    private bool _queued;
    private int _pendingWrites;
    private int _disconnecting;
    private FeedAudience _audience;

    /// <summary>Created under <paramref name="dispatchLock"/>, receiving every event after <paramref name="livePosition"/>.</summary>
    public FeedConnection(HubConnectionContext connection, Lock dispatchLock, FeedAudience audience, long livePosition, IEventLog log, ILogger logger)
    {
        _connection = connection;
        _dispatchLock = dispatchLock;
        _audience = audience;
        _cursor = livePosition;
        _replayFloor = livePosition;
        _log = log;
        _logger = logger;
        Completion = Task.Run(PumpAsync);
    }

    public string ConnectionId => _connection.ConnectionId;

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

    /// <summary>Delivers a committed batch. Called by the relay under the dispatch lock, batches in position order.</summary>
    internal void Deliver(FeedBatch batch)
    {
        if (_queued)
        {
            if (!_queue.Writer.TryWrite(new Work(batch, null)))
            {
                Disconnect($"fell {QueueLimit} batches behind during a replay");
            }
            return;
        }
        if (Select(batch) is { } message)
        {
            WriteLive(message);
        }
        else
        {
            var audience = Audience;
            for (var i = 0; i < batch.Events.Count; i++)
            {
                if (Take(batch.Events[i], audience))
                {
                    WriteLive(batch.Messages[i]);
                }
            }
        }
    }

    /// <summary>
    /// When this connection wants every event of the batch and saw none, advances past them and returns the batch
    /// as one write; otherwise null, and the events are taken one by one (<see cref="Take"/>).
    /// </summary>
    private SerializedHubMessage? Select(FeedBatch batch)
    {
        var events = batch.Events;
        if (events.Count == 0 || events[0].Position <= _cursor)
        {
            return null;
        }
        if (!Audience.WantsAll(batch))
        {
            return null;
        }
        _cursor = events[^1].Position;
        return batch.Whole(_connection.Protocol);
    }

    /// <summary>Advances past one event; true when it is new to this connection and wanted.</summary>
    private bool Take(FeedEvent e, FeedAudience audience)
    {
        if (e.Position <= _cursor)
        {
            return false;
        }
        _cursor = e.Position;
        return audience.Wants(e);
    }

    /// <summary>Replays what this connection never received after <paramref name="after"/>, before anything newer. Returns how many were sent.</summary>
    public Task<int> ResumeAsync(long after)
    {
        lock (_dispatchLock)
        {
            return ResumeUnderLock(after);
        }
    }

    /// <summary><see cref="ResumeAsync"/> for a caller already holding the dispatch lock (a connection resuming as it connects).</summary>
    internal Task<int> ResumeUnderLock(long after)
    {
        var replay = new Replay(after);
        _queued = true;
        if (!_queue.Writer.TryWrite(new Work(null, replay)))
        {
            Disconnect($"fell {QueueLimit} batches behind during a replay");
            throw new HubException("This connection is too far behind; reconnect and resume.");
        }
        return replay.Done.Task;
    }

    public void Close() => _queue.Writer.TryComplete();

    private void WriteLive(SerializedHubMessage message)
    {
        var write = _connection.WriteAsync(message);
        if (write.IsCompletedSuccessfully)
        {
            return;
        }
        // The client is not taking messages as fast as they come; SignalR queues them in order meanwhile.
        if (Interlocked.Increment(ref _pendingWrites) > PendingWriteLimit)
        {
            Disconnect($"left {PendingWriteLimit} messages unsent");
        }
        _ = CompleteWriteAsync(write);
    }

    private async Task CompleteWriteAsync(ValueTask write)
    {
        try
        {
            await write;
        }
        finally
        {
            Interlocked.Decrement(ref _pendingWrites);
        }
    }

    private void Disconnect(string reason)
    {
        if (Interlocked.Exchange(ref _disconnecting, 1) == 1)
        {
            return;
        }
        _logger.LogWarning("Connection {ConnectionId} {Reason}; disconnecting it so it resumes", ConnectionId, reason);
        _connection.Abort();
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var work))
            {
                try
                {
                    if (work.Live is { } live)
                    {
                        await SendQueuedAsync(live);
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
                    _connection.Abort();
                    Close();
                    while (reader.TryRead(out var left))
                    {
                        left.Replay?.Done.TrySetCanceled();
                    }
                    return;
                }
            }
            lock (_dispatchLock)
            {
                // Nothing was queued since the last read, and nothing can be until the lock is released.
                if (!reader.TryPeek(out _))
                {
                    _queued = false;
                }
            }
        }
    }

    private async Task SendQueuedAsync(FeedBatch batch)
    {
        if (Select(batch) is { } message)
        {
            await _connection.WriteAsync(message);
            return;
        }
        var audience = Audience;
        for (var i = 0; i < batch.Events.Count; i++)
        {
            if (Take(batch.Events[i], audience))
            {
                await _connection.WriteAsync(batch.Messages[i]);
            }
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
            foreach (var e in page)
            {
                if (e.Position > upTo)
                {
                    break;
                }
                if (Audience.Wants(e))
                {
                    await _connection.WriteAsync(FeedWireMessage.For(e));
                    sent++;
                }
            }
            position = page.Count < ReplayPage || page[^1].Position >= upTo ? upTo : page[^1].Position;
        }
        _replayFloor = Math.Min(_replayFloor, after);
        // A client that already holds newer events (seen through another host) skips them here.
        _cursor = Math.Max(_cursor, after);
        return sent;
    }

    private sealed record Work(FeedBatch? Live, Replay? Replay);

    private sealed class Replay(long after)
    {
        public long After { get; } = after;

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
