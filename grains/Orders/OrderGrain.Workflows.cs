using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrderActors.Workflows;

namespace OrderActors.Grains.Orders;

/// <summary>
/// Durable workflow starts. A change that starts flows (a new order: OrderReceived; an accept: OrderAccepted) records
/// the start in the same state write as the change, like the outbox, so a crash right after the write cannot lose it.
/// The follow-up hands it to the workflow starter (one-way, so this grain never waits on the workflow, which calls
/// back into it) and keeps handing it over, by the retry timer and on every activation, until the starter confirms
/// with <see cref="WorkflowStartHandled"/>. The starter dedupes by order and trigger, so a start handed over twice
/// starts one instance. An accept after an undo starts nothing new: the trigger is remembered as handled.
/// </summary>
public sealed partial class OrderGrain
{
    /// <summary>Starts recorded by a change of this activation and not handed over yet: no earlier attempt can exist.</summary>
    private readonly HashSet<FlowTrigger> _freshWorkflowStarts = [];

    /// <summary>Starts handed over in this activation: the next command's follow-up leaves them to the retry timer.</summary>
    private readonly HashSet<FlowTrigger> _handedOverWorkflowStarts = [];

    private bool _workflowStartsConfirmed;

    public Task WorkflowStartHandled(FlowTrigger trigger)
    {
        // Persisted with the next write or on deactivation: if that is lost, the start is handed over again and deduped.
        if (state.State.PendingWorkflowStarts.Remove(trigger))
        {
            if (!state.State.HandledWorkflowStarts.Contains(trigger))
            {
                state.State.HandledWorkflowStarts.Add(trigger);
            }
            _workflowStartsConfirmed = true;
            ClearHandOverMarkWhenSettled();
            if (trigger == FlowTrigger.OrderReceived)
            {
                // Decisions made while the start was pending waited for its instance; it exists now.
                _ = TryHandOverWorkflowDecisionsAsync();
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Adds <paramref name="trigger"/> to the pending starts unless it is pending or was handled; true when added.</summary>
    private bool RecordWorkflowStart(FlowTrigger trigger)
    {
        if (state.State.PendingWorkflowStarts.Contains(trigger) || state.State.HandledWorkflowStarts.Contains(trigger))
        {
            return false;
        }
        state.State.PendingWorkflowStarts.Add(trigger);
        return true;
    }

    /// <summary>Hands every unconfirmed start to the starter (one-way); true when none is waiting for confirmation.</summary>
    private Task<bool> TryHandOverWorkflowStartsAsync(bool again = false)
    {
        if (state.State.PendingWorkflowStarts.Count == 0)
        {
            return Task.FromResult(true);
        }
        if (state.State.Order is not { } order || !CanHandOverToWorkflows(state.State.PendingWorkflowStarts))
        {
            return Task.FromResult(false);
        }
        var facts = OrderFacts.From(order);
        foreach (var trigger in state.State.PendingWorkflowStarts)
        {
            if (!again && !_handedOverWorkflowStarts.Add(trigger))
            {
                continue;
            }
            try
            {
                var mayBeRepeat = !_freshWorkflowStarts.Remove(trigger);
                GrainFactory.GetGrain<IWorkflowStarterGrain>(0).OrderTriggered(this.GetPrimaryKey(), trigger, mayBeRepeat, facts).Ignore();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Handing the {Trigger} workflow start of order {OrderId} to the starter failed; retrying", trigger, this.GetPrimaryKey());
            }
        }
        return Task.FromResult(state.State.PendingWorkflowStarts.Count == 0);
    }

    /// <summary>
    /// False while this silo is not active (it is stopping): the starter and the decision relay are stateless workers,
    /// placed only on an active silo, so a hand-over now fails with "No active nodes are compatible with grain ...".
    /// What is pending stays recorded (and marked for the hand-over sweep), and goes with the next activation or sweep.
    /// </summary>
    private bool CanHandOverToWorkflows<T>(IReadOnlyCollection<T> pending)
    {
        if (silo.CurrentStatus == SiloStatus.Active)
        {
            return true;
        }
        logger.LogDebug("The silo is {Status}: {Count} workflow hand-overs of order {OrderId} stay recorded for the next activation or the hand-over sweep",
            silo.CurrentStatus, pending.Count, this.GetPrimaryKey());
        return false;
    }
}
