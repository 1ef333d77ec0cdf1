namespace OrderActors.Statistics;

/// <summary>Today's (UTC) orders counted by platform and status, from the read model.</summary>
public sealed record OrderCounters(
    DateOnly Date,
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByPlatform,
    IReadOnlyList<PlatformStatusCount> ByPlatformAndStatus);

public sealed record PlatformStatusCount(string Platform, string Status, int Count);
