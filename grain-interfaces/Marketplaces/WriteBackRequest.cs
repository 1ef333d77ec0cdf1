using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>A local change of an order that must reach its platform. <see cref="OperationId"/> makes it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.WriteBackRequest")]
public sealed record WriteBackRequest
{
    [Id(0)] public required string OperationId { get; init; }
    [Id(1)] public required Guid OrderId { get; init; }
    [Id(2)] public required string PlatformOrderId { get; init; }
    [Id(3)] public required WriteBackAction Action { get; init; }
    [Id(4)] public string? TrackingNumber { get; init; }
    [Id(5)] public string? Carrier { get; init; }
    [Id(6)] public string? Reason { get; init; }
}

public enum WriteBackAction
{
    Packed = 0,
    Shipped = 1,
    Cancelled = 2,
}

/// <summary>Where a write-back stands.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.WriteBackStatus")]
public sealed record WriteBackStatus(
    [property: Id(0)] WriteBackRequest Request,
    [property: Id(1)] SyncStatus Status,
    [property: Id(2)] int Attempts,
    [property: Id(3)] string? LastError,
    [property: Id(4)] DateTimeOffset? NextAttemptAt);
