using OrderActors.Orders;

namespace OrderActors.Returns;

[GenerateSerializer, Immutable, Alias("OrderActors.Returns.ReturnHistoryEntry")]
public sealed record ReturnHistoryEntry(
    [property: Id(0)] ReturnStatus? From,
    [property: Id(1)] ReturnStatus To,
    [property: Id(2)] Actor Actor,
    [property: Id(3)] string? Reason,
    [property: Id(4)] DateTimeOffset At);
