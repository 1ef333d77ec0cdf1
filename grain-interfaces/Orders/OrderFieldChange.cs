namespace OrderActors.Orders;

/// <summary>Which fields one applied snapshot or command changed, and who changed them.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.OrderFieldChange")]
public sealed record OrderFieldChange(
    [property: Id(0)] string OperationId,
    [property: Id(1)] IReadOnlyList<string> Fields,
    [property: Id(2)] Actor Actor,
    [property: Id(3)] DateTimeOffset At);
