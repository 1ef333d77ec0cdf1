using OrderActors.Orders;

namespace OrderActors.Events;

/// <summary>
/// Base of every order event: the order, its per-order version after the change, when, and what a client needs
/// to render the order in a list without another call.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Events.OrderEvent")]
public abstract record OrderEvent : IDomainEvent
{
    // Set for every event by the order grain when it records the event (OrderEvents.Stamp), hence not required.
    [Id(0)] public Guid EventId { get; init; }
    [Id(1)] public Guid OrderId { get; init; }
    [Id(2)] public long Version { get; init; }
    [Id(3)] public DateTimeOffset At { get; init; }
    [Id(4)] public SourcePlatform Platform { get; init; }
    [Id(5)] public string AccountId { get; init; } = "";
    [Id(6)] public string PlatformOrderId { get; init; } = "";
    [Id(7)] public string CustomerName { get; init; } = "";
    [Id(8)] public decimal GrandTotal { get; init; }
    [Id(9)] public string Currency { get; init; } = "";
    [Id(10)] public OrderStatus Status { get; init; }
    [Id(11)] public WorkflowStatus WorkflowStatus { get; init; }
    [Id(12)] public SyncStatus SyncStatus { get; init; }

    public abstract string Type { get; }
}
