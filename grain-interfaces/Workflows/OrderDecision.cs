using OrderActors.Orders;

namespace OrderActors.Workflows;

/// <summary>
/// An accept or reject of an order made outside its workflow (by a person or an API key), handed to the order's
/// running instances so an approval task waiting for that very decision is closed with it. Keyed by the operation id
/// of the order command that made it.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.OrderDecision")]
public sealed record OrderDecision(
    [property: Id(0)] string OperationId,
    [property: Id(1)] WorkflowStatus Status,
    [property: Id(2)] Actor Actor,
    [property: Id(3)] string? Reason,
    [property: Id(4)] DateTimeOffset At);
