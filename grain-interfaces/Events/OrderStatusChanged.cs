using OrderActors.Orders;

namespace OrderActors.Events;

/// <summary>The unified platform status changed.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Events.OrderStatusChanged")]
public sealed record OrderStatusChanged : OrderEvent
{
    [Id(0)] public required OrderStatus From { get; init; }
    [Id(1)] public required OrderStatus To { get; init; }
    [Id(2)] public required Actor Actor { get; init; }
    [Id(3)] public string? Reason { get; init; }

    public override string Type => nameof(OrderStatusChanged);
}
