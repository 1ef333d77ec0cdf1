namespace OrderActors.Orders;

/// <summary>
/// What a source (a platform sync, a webhook, the POS or a person) says an order looks like right now.
/// <see cref="OperationId"/> makes a retried upsert a no-op; <see cref="PlatformUpdatedAt"/> orders snapshots.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.OrderSnapshot")]
public sealed record OrderSnapshot
{
    [Id(0)] public required string OperationId { get; init; }
    [Id(1)] public required SourcePlatform Platform { get; init; }
    [Id(2)] public required string AccountId { get; init; }
    [Id(3)] public required string PlatformOrderId { get; init; }
    [Id(4)] public required Customer Customer { get; init; }
    [Id(5)] public ShippingAddress? ShippingAddress { get; init; }
    [Id(6)] public required IReadOnlyList<OrderItem> Items { get; init; }
    [Id(7)] public required OrderTotals Totals { get; init; }
    [Id(8)] public required string Currency { get; init; }
    [Id(9)] public required DateTimeOffset OrderDate { get; init; }
    [Id(10)] public DateTimeOffset? PlatformCreatedAt { get; init; }
    [Id(11)] public DateTimeOffset? PlatformUpdatedAt { get; init; }
    [Id(12)] public OrderStatus Status { get; init; } = OrderStatus.Pending;
    [Id(13)] public string? RawPayload { get; init; }
    [Id(14)] public string? Notes { get; init; }
    [Id(15)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(16)] public required Actor Actor { get; init; }

    public Guid OrderId => Orders.OrderId.For(Platform, AccountId, PlatformOrderId);
}
