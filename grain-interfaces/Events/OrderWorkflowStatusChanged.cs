using OrderActors.Orders;

namespace OrderActors.Events;

/// <summary>The internal workflow status changed (accept, reject, packing, undo...).</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Events.OrderWorkflowStatusChanged")]
public sealed record OrderWorkflowStatusChanged : OrderEvent
{
    [Id(0)] public required WorkflowStatus From { get; init; }
    [Id(1)] public required WorkflowStatus To { get; init; }
    [Id(2)] public required Actor Actor { get; init; }
    [Id(3)] public string? Reason { get; init; }

    public override string Type => nameof(OrderWorkflowStatusChanged);
}
