namespace OrderActors.Grains.Workflows.Instances;

/// <summary>Publishes what instances emit (<c>WorkflowTaskAssigned</c>, <c>WorkflowTaskCompleted</c>, notifications, shipment requests).</summary>
public interface IWorkflowEventPublisher
{
    Task PublishAsync(Guid orderId, IReadOnlyList<object> events);
}
