using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrderActors.Events;
using OrderActors.Statistics;

namespace OrderActors.ApiHost.Realtime;

/// <summary>
/// Pushes <c>StatsChanged</c> to this host's connections that may read orders, when the counters change (orders by
/// platform and status; open tasks, which task events open and close): recounted
/// at most once per <see cref="EventFeedOptions.StatsThrottle"/> after feed events, and every
/// <see cref="EventFeedOptions.StatsRefreshInterval"/> for changes that raise none. One query per host, not per client.
/// </summary>
public sealed class LiveStatistics(
    FeedRelay relay,
    OrderCounterQueries queries,
    TaskCounterQueries taskQueries,
    IHubContext<OrdersHub> hub,
    IOptions<EventFeedOptions> options,
    TimeProvider time,
    ILogger<LiveStatistics> logger) : BackgroundService
{
    /// <summary>The SignalR group of this host's connections holding <c>orders.read</c> (fixed for a connection's life).</summary>
    public const string ReadersGroup = "stats-readers";

    private volatile bool _dirty = true;
    private volatile StatsMessage? _current;

    /// <summary>The latest counters, counted now when none were counted yet.</summary>
    public async Task<StatsMessage> CurrentAsync(CancellationToken cancellationToken) =>
        _current ?? StatsMessage.From(await queries.TodayAsync(cancellationToken), await taskQueries.OpenAsync(cancellationToken), relay.Position);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        relay.Relayed += MarkDirty;
        try
        {
            var lastCount = DateTimeOffset.MinValue;
            using var timer = new PeriodicTimer(options.Value.StatsThrottle, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                if (!_dirty && now - lastCount < options.Value.StatsRefreshInterval)
                {
                    continue;
                }
                _dirty = false;
                lastCount = now;
                await RecountAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            relay.Relayed -= MarkDirty;
        }
    }

    private void MarkDirty(IReadOnlyList<FeedEvent> events) => _dirty = true;

    private async Task RecountAsync(CancellationToken ct)
    {
        try
        {
            var position = relay.Position;
            var counters = await queries.TodayAsync(ct);
            var tasks = await taskQueries.OpenAsync(ct);
            var previous = _current;
            if (previous is not null && counters.Date == previous.Date && counters.ByPlatformAndStatus.SequenceEqual(previous.ByPlatformAndStatus)
                && tasks.SameAs(previous.Tasks))
            {
                return;
            }
            var message = StatsMessage.From(counters, tasks, position);
            _current = message;
            // One group send: serialized once for every reader, where a list of connection ids costs a lookup per pair.
            await hub.Clients.Group(ReadersGroup).SendAsync(FeedEventTypes.StatsChanged, message, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Counting live statistics failed");
        }
    }
}
