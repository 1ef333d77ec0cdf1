namespace OrderActors.Events;

/// <summary>Fields of an order other than its statuses changed (a newer snapshot, notes, tags).</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Events.OrderUpdated")]
public sealed record OrderUpdated : OrderEvent
{
    [Id(0)] public required IReadOnlyList<string> ChangedFields { get; init; }

    public override string Type => nameof(OrderUpdated);
}
