using System.Collections.Frozen;
using OrderActors.Orders;

namespace OrderActors.Grains.Orders.Lifecycle;

/// <summary>The allowed changes of the internal workflow status. Rejected and Done are final (undo aside).</summary>
public static class WorkflowStatusTransitions
{
    private static readonly FrozenDictionary<WorkflowStatus, WorkflowStatus[]> Allowed = new Dictionary<WorkflowStatus, WorkflowStatus[]>
    {
        [WorkflowStatus.New] = [WorkflowStatus.Accepted, WorkflowStatus.Rejected, WorkflowStatus.OnHold],
        [WorkflowStatus.Accepted] = [WorkflowStatus.InProgress, WorkflowStatus.OnHold, WorkflowStatus.Rejected],
        [WorkflowStatus.InProgress] = [WorkflowStatus.Packed, WorkflowStatus.OnHold],
        [WorkflowStatus.Packed] = [WorkflowStatus.Done, WorkflowStatus.InProgress, WorkflowStatus.OnHold],
        [WorkflowStatus.OnHold] = [WorkflowStatus.Accepted, WorkflowStatus.InProgress, WorkflowStatus.Packed, WorkflowStatus.Rejected],
        [WorkflowStatus.Rejected] = [],
        [WorkflowStatus.Done] = [],
    }.ToFrozenDictionary();

    public static bool IsAllowed(WorkflowStatus from, WorkflowStatus to) => Allowed[from].Contains(to);
}
