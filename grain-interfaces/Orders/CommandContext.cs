namespace OrderActors.Orders;

/// <summary>
/// Who sends a command and its operation id. A command whose operation id the order has already applied
/// is answered with the recorded result and changes nothing (grain calls are at-most-once, clients retry).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.CommandContext")]
public sealed record CommandContext(
    [property: Id(0)] string OperationId,
    [property: Id(1)] Actor Actor);
