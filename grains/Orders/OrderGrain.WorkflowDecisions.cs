using Microsoft.Extensions.Logging;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Orders;

/// <summary>
/// Durable hand-over of accepts and rejects made outside the workflow (a person or an API key, not a flow step) to
/// the order's workflow instances, so an approval task still waiting for that decision is closed with it. Same
/// pattern as the workflow starts: recorded in the state write of the change, handed to the relay (one-way) by the
/// follow-up, again by the retry timer and on activation, until the relay confirms with
/// <see cref="WorkflowDecisionHandled"/>; instances dedupe by the decision's operation id. While the order's
/// OrderReceived start is still pending, its decisions wait, so the instance they are meant for exists first.
/// </summary>
public sealed partial class OrderGrain
{
    /// <summary>Decisions handed over in this activation: the next command's follow-up leaves them to the retry timer.</summary>
    private readonly HashSet<string> _handedOverWorkflowDecisions = [];

    private bool _workflowDecisionsConfirmed;

    public Task WorkflowDecisionHandled(string operationId)
    {
        // Persisted with the next write or on deactivation: if that is lost, the decision is handed over again and deduped.
        if (state.State.PendingWorkflowDecisions.RemoveAll(d => d.OperationId == operationId) > 0)
        {
            _workflowDecisionsConfirmed = true;
            ClearHandOverMarkWhenSettled();
        }
        return Task.CompletedTask;
    }

    /// <summary>The decision a workflow status change makes outside the flow, or null (a flow step, or not a decision).</summary>
    private static OrderDecision? OutsideDecision(CommandContext context, OrderDetails before, OrderDetails after, string? reason, DateTimeOffset now) =>
        context.Actor.Kind != ActorKind.Workflow
        && after.WorkflowStatus != before.WorkflowStatus
        && after.WorkflowStatus is WorkflowStatus.Accepted or WorkflowStatus.Rejected
            ? new OrderDecision(context.OperationId, after.WorkflowStatus, context.Actor, reason, now)
            : null;

    /// <summary>Hands every unconfirmed decision to the relay (one-way); true when none is waiting for confirmation.</summary>
    private Task<bool> TryHandOverWorkflowDecisionsAsync(bool again = false)
    {
        if (state.State.PendingWorkflowDecisions.Count == 0)
        {
            return Task.FromResult(true);
        }
        if (state.State.PendingWorkflowStarts.Contains(FlowTrigger.OrderReceived))
        {
            // Handed over once the start is confirmed (WorkflowStartHandled) or by the retry timer.
            return Task.FromResult(false);
        }
        if (!CanHandOverToWorkflows(state.State.PendingWorkflowDecisions))
        {
            return Task.FromResult(false);
        }
        foreach (var decision in state.State.PendingWorkflowDecisions)
        {
            if (!again && !_handedOverWorkflowDecisions.Add(decision.OperationId))
            {
                continue;
            }
            try
            {
                GrainFactory.GetGrain<IOrderDecisionRelayGrain>(0).OrderDecided(this.GetPrimaryKey(), decision).Ignore();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Handing the {Status} decision of order {OrderId} to its workflows failed; retrying", decision.Status, this.GetPrimaryKey());
            }
        }
        return Task.FromResult(false);
    }
}
