namespace OrderActors.Workflows;

/// <summary>
/// One run of a flow version for one order (key <see cref="WorkflowInstanceKey.For"/>). Runs automatic steps,
/// owns the tasks of person steps and records every step. Single-threaded, so of two claims exactly one wins.
/// </summary>
public interface IWorkflowInstanceGrain : IGrainWithStringKey
{
    /// <summary>Starts the instance on <paramref name="flow"/> (kept for its whole life); a second start is a no-op.</summary>
    Task<WorkflowInstanceView> Start(ProcessFlow flow, OrderFacts order, bool appliesToUncertain);

    Task<WorkflowInstanceView?> GetView();

    Task<TaskCommandResult> Claim(string taskId, TaskCaller caller);

    Task<TaskCommandResult> Release(string taskId, TaskCaller caller);

    /// <summary>
    /// Hands an open task to another person or back to a role's pool. Only an overseer (<see cref="TaskCaller.Oversees"/>)
    /// may; a task already there is left as it is (no event), so a repeated request changes nothing.
    /// </summary>
    Task<TaskCommandResult> Reassign(string taskId, TaskReassignment to, TaskCaller caller);

    /// <summary>Confirms one unit of a packing task by its SKU or barcode; an unknown or surplus code is recorded as a mismatch.</summary>
    Task<TaskCommandResult> Scan(string taskId, string code, TaskCaller caller);

    Task<TaskCommandResult> Complete(string taskId, TaskResult result, TaskCaller caller);

    /// <summary>
    /// The order was accepted or rejected outside the flow: an open approval task whose step leads to that decision
    /// is completed with it (recorded as decided outside the task by the decision's actor) and the flow continues.
    /// Idempotent by the decision's operation id; a no-op for an instance that is not running or not waiting on one.
    /// </summary>
    Task DecidedOutside(OrderDecision decision);

    /// <summary>A deadline this instance scheduled has come. Idempotent: a deadline fires at least once.</summary>
    Task OnDeadline(string deadlineId);
}
