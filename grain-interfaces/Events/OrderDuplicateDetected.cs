namespace OrderActors.Events;

/// <summary>A probable duplicate of this order was found, or a decision on one was taken.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Events.OrderDuplicateDetected")]
public sealed record OrderDuplicateDetected : OrderEvent
{
    [Id(0)] public required Guid OtherOrderId { get; init; }
    [Id(1)] public required double Score { get; init; }
    [Id(2)] public required string Decision { get; init; }
    [Id(3)] public Guid? PrimaryOrderId { get; init; }

    public override string Type => nameof(OrderDuplicateDetected);
}
