using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Starts;

/// <summary>An order's workflow start of <see cref="Trigger"/> that the starter has not confirmed yet.</summary>
public sealed record PendingWorkflowStart(Guid OrderId, FlowTrigger Trigger);
