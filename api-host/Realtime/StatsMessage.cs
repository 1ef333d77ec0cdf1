using OrderActors.Events;
using OrderActors.Statistics;

namespace OrderActors.ApiHost.Realtime;

/// <summary>The <c>StatsChanged</c> message: today's order counters, with the feed position they reflect at least.</summary>
public sealed record StatsMessage(
    long Position,
    string Type,
    DateOnly Date,
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByPlatform,
    IReadOnlyList<PlatformStatusCount> ByPlatformAndStatus)
{
    public static StatsMessage From(OrderCounters counters, long position) => new(
        position, FeedEventTypes.StatsChanged, counters.Date, counters.Total, counters.ByStatus, counters.ByPlatform, counters.ByPlatformAndStatus);
}
