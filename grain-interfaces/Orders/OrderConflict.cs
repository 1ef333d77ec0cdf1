namespace OrderActors.Orders;

/// <summary>
/// A snapshot disagreed with what the order holds in a way that cannot be decided automatically
/// (same platform update time but different content, or a status the lifecycle cannot reach).
/// The held value is kept and the disagreement recorded here for a person to see.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.OrderConflict")]
public sealed record OrderConflict(
    [property: Id(0)] string Field,
    [property: Id(1)] string? Held,
    [property: Id(2)] string? Incoming,
    [property: Id(3)] string OperationId,
    [property: Id(4)] Actor Source,
    [property: Id(5)] DateTimeOffset At);
