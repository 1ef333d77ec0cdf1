namespace OrderActors.Workflows;

/// <summary>An instance of a flow for one order, as shown by <c>/api/orders/{id}/workflows</c>.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.WorkflowInstanceView")]
public sealed record WorkflowInstanceView
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required Guid OrderId { get; init; }
    [Id(2)] public required string FlowId { get; init; }
    [Id(3)] public required int Version { get; init; }
    [Id(4)] public required InstanceStatus Status { get; init; }
    [Id(5)] public string? CurrentStep { get; init; }
    [Id(6)] public IReadOnlyList<StepRecord> History { get; init; } = [];
    [Id(7)] public IReadOnlyList<WorkflowTask> Tasks { get; init; } = [];
    [Id(8)] public IReadOnlyList<NotificationRecord> Notifications { get; init; } = [];
    [Id(9)] public ShipmentRecord? Shipment { get; init; }
    [Id(10)] public required DateTimeOffset StartedAt { get; init; }
    [Id(11)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(12)] public required long Revision { get; init; }
}
