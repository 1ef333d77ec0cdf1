using OrderActors.Orders;

namespace OrderActors.Events;

/// <summary>A snapshot disagreed with the order and was not applied; someone should look.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Events.OrderConflictDetected")]
public sealed record OrderConflictDetected : OrderEvent
{
    [Id(0)] public required OrderConflict Conflict { get; init; }

    public override string Type => nameof(OrderConflictDetected);
}
