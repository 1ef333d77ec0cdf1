namespace OrderActors.ReadModel;

/// <summary>One order in a list, read from the read model.</summary>
public sealed record OrderSummary(
    Guid Id,
    string Platform,
    string AccountId,
    string PlatformOrderId,
    string Status,
    string WorkflowStatus,
    string SyncStatus,
    string CustomerName,
    string Currency,
    decimal GrandTotal,
    int ItemCount,
    DateTimeOffset OrderDate,
    DateTimeOffset UpdatedAt);
