namespace OrderActors.Returns;

/// <summary>Everything about one return (RMA).</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Returns.ReturnDetails")]
public sealed record ReturnDetails
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required string RmaNumber { get; init; }
    [Id(2)] public required Guid OrderId { get; init; }
    [Id(3)] public required ReturnChannel Channel { get; init; }
    [Id(4)] public required ReturnSource Source { get; init; }
    [Id(5)] public required ReturnStatus Status { get; init; }
    [Id(6)] public required IReadOnlyList<ReturnItem> Items { get; init; }
    [Id(7)] public required string Location { get; init; }
    [Id(8)] public required string Currency { get; init; }
    [Id(9)] public required decimal RefundAmount { get; init; }
    [Id(10)] public IReadOnlyList<ItemInspection> Inspections { get; init; } = [];
    [Id(11)] public IReadOnlyList<ReturnAttachment> Attachments { get; init; } = [];
    [Id(12)] public ReturnResolution? Resolution { get; init; }
    [Id(13)] public string? TrackingNumber { get; init; }
    [Id(14)] public string? Notes { get; init; }
    [Id(15)] public string? PlatformReturnId { get; init; }
    [Id(16)] public IReadOnlyList<ReturnHistoryEntry> History { get; init; } = [];
    [Id(17)] public string? ApprovalNote { get; init; }
    [Id(18)] public Guid? RefundInvoiceId { get; init; }
    [Id(19)] public string? CreditNoteNumber { get; init; }
    [Id(20)] public IReadOnlyList<string> RestockedSkus { get; init; } = [];
    [Id(21)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(22)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(23)] public long Version { get; init; } = 1;
    /// <summary>The order's customer when the return was opened (returns opened before this field was added: null).</summary>
    [Id(24)] public string? CustomerName { get; init; }
}
