using OrderActors.Events;
using OrderActors.Statistics;

namespace OrderActors.ApiHost.Realtime;

/// <summary>
/// The <c>StatsChanged</c> message: today's order counters and the open workflow tasks, with the feed position they
/// reflect at least.
/// </summary>
public sealed record StatsMessage(
    long Position,
    string Type,
    DateOnly Date,
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByPlatform,
    IReadOnlyList<PlatformStatusCount> ByPlatformAndStatus,
    int OpenTasks,
    IReadOnlyDictionary<string, int> OpenTasksByRole,
    IReadOnlyDictionary<string, int> OpenTasksByStatus)
{
    public static StatsMessage From(OrderCounters counters, TaskCounters tasks, long position) => new(
        position, FeedEventTypes.StatsChanged, counters.Date, counters.Total, counters.ByStatus, counters.ByPlatform, counters.ByPlatformAndStatus,
        tasks.Open, tasks.ByRole, tasks.ByStatus);

    [System.Text.Json.Serialization.JsonIgnore]
    public TaskCounters Tasks => new(OpenTasks, OpenTasksByRole, OpenTasksByStatus);
}
