using System.Threading.Channels;
using Microsoft.AspNetCore.Components.Authorization;
using OrderActors.ApiHost.Realtime;
using OrderActors.Events;

namespace OrderActors.ApiHost.Components.Live;

/// <summary>
/// One circuit's view of the event feed: the readable events after the position it last delivered, in order, each
/// once. Batches arrive from <see cref="DashboardFeed"/>; a batch that does not follow the last position (and every
/// reconnect of the browser) is filled from the event log, the same log <c>GET /api/events</c> reads.
/// </summary>
public sealed class LiveFeed : IAsyncDisposable
{
    private const int CatchUpPage = 500;

    private readonly DashboardFeed _feed;
    private readonly IEventLog _log;
    private readonly AuthenticationStateProvider _authentication;
    private readonly ILogger<LiveFeed> _logger;
    private readonly Channel<IReadOnlyList<FeedEvent>?> _inbox = Channel.CreateUnbounded<IReadOnlyList<FeedEvent>?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private FeedAudience? _audience;
    private Task? _pump;

    public LiveFeed(DashboardFeed feed, IEventLog log, AuthenticationStateProvider authentication, ILogger<LiveFeed> logger)
    {
        _feed = feed;
        _log = log;
        _authentication = authentication;
        _logger = logger;
    }

    /// <summary>The position of the newest event delivered to this circuit.</summary>
    public long Position { get; private set; }

    /// <summary>Raised, off the renderer's thread, with each batch of new readable events in position order.</summary>
    public event Func<IReadOnlyList<FeedEvent>, Task>? Received;

    /// <summary>Starts listening from the host's current position (idempotent).</summary>
    public async Task StartAsync()
    {
        if (_pump is not null)
        {
            return;
        }
        var state = await _authentication.GetAuthenticationStateAsync();
        _audience = FeedAudience.For(state.User);
        Position = _feed.Position;
        _feed.Add(this);
        _pump = Task.Run(PumpAsync);
    }

    internal void Offer(IReadOnlyList<FeedEvent> events) => _inbox.Writer.TryWrite(events);

    /// <summary>Looks in the log for anything after <see cref="Position"/> (after the browser reconnected).</summary>
    public void CatchUp() => _inbox.Writer.TryWrite(null);

    public async ValueTask DisposeAsync()
    {
        _feed.Remove(this);
        _inbox.Writer.TryComplete();
        await _stop.CancelAsync();
        if (_pump is not null)
        {
            try
            {
                await _pump;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        var ct = _stop.Token;
        await foreach (var batch in _inbox.Reader.ReadAllAsync(ct))
        {
            try
            {
                if (batch is null || (batch.Count > 0 && batch[0].Position > Position + 1))
                {
                    await ReadLogAsync(batch is { Count: > 0 } ? batch[0].Position - 1 : long.MaxValue, ct);
                }
                if (batch is not null)
                {
                    await DeliverAsync(batch);
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The next batch or reconnect fills the gap from the log.
                _logger.LogWarning(ex, "Delivering feed events to a dashboard circuit failed");
            }
        }
    }

    private async Task ReadLogAsync(long upTo, CancellationToken ct)
    {
        while (Position < upTo)
        {
            var page = await _log.ReadAsync(Position, CatchUpPage, _audience!.Permissions, ct);
            await DeliverAsync(page.Where(e => e.Position <= upTo).ToList());
            if (page.Count < CatchUpPage)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(IReadOnlyList<FeedEvent> events)
    {
        var fresh = events.Where(e => e.Position > Position).OrderBy(e => e.Position).ToList();
        if (fresh.Count == 0)
        {
            return;
        }
        Position = fresh[^1].Position;
        var readable = fresh.Where(_audience!.MayRead).ToList();
        if (readable.Count > 0 && Received is { } received)
        {
            foreach (var handler in received.GetInvocationList().Cast<Func<IReadOnlyList<FeedEvent>, Task>>())
            {
                try
                {
                    await handler(readable);
                }
                catch (Exception ex)
                {
                    _logger.LogDebug(ex, "A dashboard component failed to take feed events");
                }
            }
        }
    }
}
