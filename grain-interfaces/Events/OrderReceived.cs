namespace OrderActors.Events;

/// <summary>A new order arrived (any source).</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Events.OrderReceived")]
public sealed record OrderReceived : OrderEvent
{
    [Id(0)] public required int ItemCount { get; init; }
    [Id(1)] public required DateTimeOffset OrderDate { get; init; }

    public override string Type => nameof(OrderReceived);
}
