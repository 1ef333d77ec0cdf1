namespace OrderActors.Events;

/// <summary>Whether local changes reached the platform changed (a sync failed or recovered).</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Events.OrderSyncStatusChanged")]
public sealed record OrderSyncStatusChanged : OrderEvent
{
    [Id(0)] public string? Error { get; init; }

    public override string Type => nameof(OrderSyncStatusChanged);
}
