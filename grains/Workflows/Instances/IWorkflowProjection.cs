using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Instances;

/// <summary>
/// Writes an instance and its tasks into the read-model tables (the inbox is queried from there). Must be
/// idempotent and never let an older revision overwrite a newer one.
/// </summary>
public interface IWorkflowProjection
{
    Task ProjectAsync(WorkflowInstanceView instance, CancellationToken cancellationToken = default);
}
