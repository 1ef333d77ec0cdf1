namespace OrderActors.Orders;

/// <summary>Everything the grain knows about one order, as shown to API clients and projected to the read model.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.OrderDetails")]
public sealed record OrderDetails
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required long Version { get; init; }
    [Id(2)] public required SourcePlatform Platform { get; init; }
    [Id(3)] public required string AccountId { get; init; }
    [Id(4)] public required string PlatformOrderId { get; init; }
    [Id(5)] public required Customer Customer { get; init; }
    [Id(6)] public ShippingAddress? ShippingAddress { get; init; }
    [Id(7)] public required IReadOnlyList<OrderItem> Items { get; init; }
    [Id(8)] public required OrderTotals Totals { get; init; }
    [Id(9)] public required string Currency { get; init; }
    [Id(10)] public required DateTimeOffset OrderDate { get; init; }
    [Id(11)] public DateTimeOffset? PlatformCreatedAt { get; init; }
    [Id(12)] public DateTimeOffset? PlatformUpdatedAt { get; init; }
    [Id(13)] public required OrderStatus Status { get; init; }
    [Id(14)] public required WorkflowStatus WorkflowStatus { get; init; }
    [Id(15)] public required SyncStatus SyncStatus { get; init; }
    [Id(16)] public string? SyncError { get; init; }
    [Id(17)] public string? RawPayload { get; init; }
    [Id(18)] public string? Notes { get; init; }
    [Id(19)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(20)] public IReadOnlyList<OrderHistoryEntry> History { get; init; } = [];
    [Id(21)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(22)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Recent field changes (newest last, bounded), from snapshots and commands.</summary>
    [Id(23)] public IReadOnlyList<OrderFieldChange> Changes { get; init; } = [];

    /// <summary>Snapshot data that disagreed with the order and was not applied.</summary>
    [Id(24)] public IReadOnlyList<OrderConflict> Conflicts { get; init; } = [];

    /// <summary>Probable duplicates on other platforms or accounts, with the decision taken on each.</summary>
    [Id(25)] public IReadOnlyList<DuplicateCandidate> Duplicates { get; init; } = [];

    /// <summary>Set when this order was confirmed as a duplicate of another one, which is the primary.</summary>
    [Id(26)] public Guid? PrimaryOrderId { get; init; }

    /// <summary>Until when the last accept, reject or status change may be undone; null when nothing can be undone.</summary>
    [Id(27)] public DateTimeOffset? UndoAvailableUntil { get; init; }

    /// <summary>The shipment recorded when the order was shipped through <see cref="IOrderGrain.Ship"/>.</summary>
    [Id(28)] public ShipmentInfo? Shipment { get; init; }
}
