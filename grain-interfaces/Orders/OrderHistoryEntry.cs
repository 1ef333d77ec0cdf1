namespace OrderActors.Orders;

/// <summary>One recorded change of <c>status</c> or <c>workflowStatus</c>.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.OrderHistoryEntry")]
public sealed record OrderHistoryEntry(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? From,
    [property: Id(2)] string To,
    [property: Id(3)] Actor Actor,
    [property: Id(4)] string? Reason,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string? OperationId = null)
{
    public const string StatusKind = "status";
    public const string WorkflowStatusKind = "workflowStatus";
}
