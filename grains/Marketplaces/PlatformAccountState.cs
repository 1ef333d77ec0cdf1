using OrderActors.Marketplaces;
using OrderActors.Orders;

namespace OrderActors.Grains.Marketplaces;

[GenerateSerializer, Alias("OrderActors.PlatformAccountState")]
public sealed class PlatformAccountState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public bool Deleted { get; set; }
    [Id(2)] public SourcePlatform Platform { get; set; }
    [Id(3)] public string Name { get; set; } = "";
    [Id(4)] public string ShopId { get; set; } = "";

    /// <summary>The credentials (tokens included) as a Data Protection payload; never stored in clear.</summary>
    [Id(5)] public string? ProtectedCredentials { get; set; }
    [Id(6)] public int SyncIntervalSeconds { get; set; } = 300;
    [Id(7)] public int BackfillDays { get; set; } = 30;
    [Id(8)] public bool Active { get; set; }
    [Id(9)] public DateTimeOffset? Watermark { get; set; }
    [Id(10)] public AccountSyncStatus SyncStatus { get; set; }
    [Id(11)] public string? LastError { get; set; }
    [Id(12)] public DateTimeOffset? LastSyncAt { get; set; }
    [Id(13)] public AccountCounters Counters { get; set; } = AccountCounters.Zero;
    [Id(14)] public bool IsDemo { get; set; }
    [Id(15)] public DateTimeOffset CreatedAt { get; set; }
    [Id(16)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>OAuth in progress: the one-time state and where the platform sends the seller back.</summary>
    [Id(17)] public string? AuthorizationState { get; set; }
    [Id(18)] public string? RedirectUri { get; set; }
    [Id(19)] public List<WriteBackEntry> WriteBacks { get; set; } = [];
}

[GenerateSerializer, Alias("OrderActors.WriteBackEntry")]
public sealed class WriteBackEntry
{
    [Id(0)] public required WriteBackRequest Request { get; set; }
    [Id(1)] public SyncStatus Status { get; set; } = SyncStatus.Pending;
    [Id(2)] public int Attempts { get; set; }
    [Id(3)] public string? LastError { get; set; }
    [Id(4)] public DateTimeOffset NextAttemptAt { get; set; }
    [Id(5)] public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Whether the order grain was told the outcome of the last attempt (reported again until it was).</summary>
    [Id(6)] public bool Reported { get; set; }
}
