using OrderActors.Orders;

namespace OrderActors.Events;

/// <summary>A connected shop stopped syncing because the platform refused its credentials or authorization.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Events.AccountSyncFailed")]
public sealed record AccountSyncFailed(
    [property: Id(0)] Guid AccountId,
    [property: Id(1)] SourcePlatform Platform,
    [property: Id(2)] string AccountName,
    [property: Id(3)] string Error,
    [property: Id(4)] DateTimeOffset At);
