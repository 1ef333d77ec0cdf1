namespace OrderActors.Orders;

/// <summary>
/// What an order still holds for its receivers after resuming its hand-overs (<see cref="IOrderGrain.ResumeHandOvers"/>),
/// as of <see cref="Version"/>: workflow starts by trigger, decisions made outside the workflow and marketplace
/// write-backs by operation id.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.OrderHandOvers")]
public sealed record OrderHandOvers(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<Workflows.FlowTrigger> WorkflowStarts,
    [property: Id(2)] IReadOnlyList<string> WorkflowDecisions,
    [property: Id(3)] IReadOnlyList<string> WriteBacks)
{
    public bool HoldsNone => WorkflowStarts.Count == 0 && WorkflowDecisions.Count == 0 && WriteBacks.Count == 0;
}
