using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>A connected shop as shown to API clients: never any credential or token.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.PlatformAccountInfo")]
public sealed record PlatformAccountInfo
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required SourcePlatform Platform { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required string ShopId { get; init; }
    [Id(4)] public required AccountSyncStatus SyncStatus { get; init; }
    [Id(5)] public required bool Active { get; init; }
    [Id(6)] public required int SyncIntervalSeconds { get; init; }
    [Id(7)] public DateTimeOffset? LastSyncAt { get; init; }
    [Id(8)] public DateTimeOffset? Watermark { get; init; }
    [Id(9)] public string? LastError { get; init; }
    [Id(10)] public required bool IsDemo { get; init; }
    [Id(11)] public required AccountCounters Counters { get; init; }
    [Id(12)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(13)] public required DateTimeOffset UpdatedAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("OrderActors.AccountCounters")]
public sealed record AccountCounters(
    [property: Id(0)] long Syncs,
    [property: Id(1)] long FailedSyncs,
    [property: Id(2)] long OrdersUpserted,
    [property: Id(3)] long WebhooksApplied,
    [property: Id(4)] long WriteBacks,
    [property: Id(5)] long FailedWriteBacks,
    [property: Id(6)] long LostPushesRecovered = 0)
{
    public static AccountCounters Zero { get; } = new(0, 0, 0, 0, 0, 0);
}
