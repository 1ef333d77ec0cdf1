using OrderActors.Grains.Workflows.Conditions;
using OrderActors.Grains.Workflows.Roles;
using OrderActors.Grains.Workflows.Tasks;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Engine;

/// <summary>
/// Runs one instance's flow over its state: automatic steps run at once, person steps open tasks, waits and task
/// timeouts become deadlines. The owning grain serializes calls, persists the state after each call and publishes
/// <see cref="Emitted"/>. Kept apart from the grain so branching and timeouts can be tested with a fake clock.
/// </summary>
public sealed class WorkflowEngine(InstanceState state, WorkflowPorts ports)
{
    public const string AppliesToReview = "$appliesTo";
    private const int MaxStepsPerAdvance = 500;
    private const int MaxRememberedDecisions = 20;

    /// <summary>Events produced by the last call, for the grain to publish once the state is stored.</summary>
    public List<object> Emitted { get; } = [];

    private ProcessFlow Flow => state.Flow!;

    private DateTimeOffset Now => ports.Time.GetUtcNow();

    public async Task StartAsync(string key, ProcessFlow flow, OrderFacts order, bool appliesToUncertain)
    {
        if (state.Flow is not null)
        {
            return;
        }
        state.Key = key;
        state.Flow = flow;
        state.Order = order;
        state.Status = InstanceStatus.Running;
        state.StartedAt = Now;
        if (appliesToUncertain)
        {
            state.CurrentStep = AppliesToReview;
            state.StepStartedAt = Now;
            await OpenReviewTaskAsync(AppliesToReview, $"Could not decide whether flow '{flow.Name}' applies ({flow.AppliesTo}). Answer true to run it, false to skip it.");
            return;
        }
        await AdvanceAsync(flow.Start?.Id);
    }

    /// <summary>Runs steps from <paramref name="stepId"/> until one waits (task, wait, retry) or the flow ends.</summary>
    private async Task AdvanceAsync(string? stepId)
    {
        for (var guard = 0; stepId is not null; guard++)
        {
            if (guard > MaxStepsPerAdvance)
            {
                await FailStepAsync(Flow.Step(stepId)!, $"More than {MaxStepsPerAdvance} steps ran without waiting.");
                return;
            }
            var step = Flow.Step(stepId) ?? throw new InvalidOperationException($"Flow {Flow.Id} v{Flow.Version} has no step '{stepId}'.");
            state.CurrentStep = step.Id;
            state.StepStartedAt = Now;

            if (step.Condition is not null)
            {
                bool holds;
                try
                {
                    holds = Condition.Evaluate(step.Condition, state.Order, Now);
                }
                catch (ConditionEvaluationException ex)
                {
                    await OpenReviewTaskAsync(step.Id, $"Could not decide whether step '{step.Id}' should run ({step.Condition}): {ex.Message}. Answer true to run it, false to skip it.");
                    return;
                }
                if (!holds)
                {
                    Record(step, "skipped", "system", "condition is false");
                    stepId = step.Next;
                    continue;
                }
            }

            StepResult result;
            try
            {
                result = await ExecuteAsync(step);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                await FailStepAsync(step, ex.Message);
                return;
            }
            if (result.Waits)
            {
                return;
            }
            stepId = result.Next;
        }
        Finish(InstanceStatus.Completed, "completed");
    }

    private readonly record struct StepResult(bool Waits, string? Next)
    {
        public static StepResult Wait => new(true, null);

        public static StepResult GoTo(string? next) => new(false, next);
    }

    private async Task<StepResult> ExecuteAsync(WorkflowStep step)
    {
        if (step.NeedsPerson)
        {
            await OpenTaskAsync(step, step.Type, step.Config.Message);
            return StepResult.Wait;
        }
        switch (step.Type)
        {
            case StepType.ManualTask:
                Record(step, "done", "system", "auto-executed");
                return StepResult.GoTo(step.Next);
            case StepType.Approval:
                await DecideReturnAsync(approved: true, step.Config.Message, "system");
                Record(step, "approved", "system", "auto-executed");
                return StepResult.GoTo(step.Next);
            case StepType.Packing:
                await SetStatusAsync(step, WorkflowStatus.Packed, "system");
                Record(step, "done", "system", "auto-executed");
                return StepResult.GoTo(step.Next);
            case StepType.Ship:
                await ShipAsync(step, null, null);
                Record(step, "shipped", "system", state.Shipment?.RequestId);
                return StepResult.GoTo(step.Next);
            case StepType.SetStatus:
                await SetStatusAsync(step, step.Config.Status!.Value, "system");
                Record(step, step.Config.Status.Value.ToString(), "system", null);
                return StepResult.GoTo(step.Next);
            case StepType.Notify:
                Notify(step.Id, step.Config.NotifyRoles, step.Config.NotifyUsers, step.Config.Message ?? "");
                Record(step, "notified", "system", step.Config.Message);
                return StepResult.GoTo(step.Next);
            case StepType.Wait:
                var until = step.Config.WaitUntil ?? Now + step.Config.WaitFor!.Value;
                if (until <= Now)
                {
                    Record(step, "waited", "system", null);
                    return StepResult.GoTo(step.Next);
                }
                await ScheduleAsync(DeadlineKind.WaitOver, step.Id, until);
                return StepResult.Wait;
            case StepType.Branch:
                bool holds;
                try
                {
                    holds = Condition.Evaluate(step.Config.Condition!, state.Order, Now);
                }
                catch (ConditionEvaluationException ex)
                {
                    await OpenReviewTaskAsync(step.Id, $"Could not evaluate branch '{step.Id}' ({step.Config.Condition}): {ex.Message}. Answer true or false.");
                    return StepResult.Wait;
                }
                Record(step, holds ? "true" : "false", "system", step.Config.Condition);
                return StepResult.GoTo(holds ? step.Config.WhenTrue : step.Config.WhenFalse);
            case StepType.Invoice:
                var kind = step.Config.InvoiceKind ?? "invoice";
                var reference = await ports.Invoices.RequestAsync($"{state.Key}.{step.Id}", kind, state.Order);
                state.Undoable.Add(new CompletedAction(step.Id, step.Type, reference));
                Record(step, kind, "system", reference);
                return StepResult.GoTo(step.Next);
            default:
                throw new InvalidOperationException($"Step type {step.Type} cannot run in a flow.");
        }
    }

    private async Task SetStatusAsync(WorkflowStep step, WorkflowStatus status, string actor)
    {
        var operation = $"wf:{state.Key}:{step.Id}:{state.History.Count}";
        var before = await ports.Orders.ChangeWorkflowStatusAsync(state.Order.OrderId, operation, status, $"{state.Key}:{actor}", $"{Flow.Id} v{Flow.Version} step {step.Id}");
        state.Undoable.Add(new CompletedAction(step.Id, StepType.SetStatus, before.ToString()));
    }

    private async Task ShipAsync(WorkflowStep step, string? tracking, string? label)
    {
        var shipment = await ports.Shipments.RequestAsync($"{state.Key}.{step.Id}", state.Order, step.Config.Carrier, tracking, label);
        state.Shipment = shipment;
        state.Undoable.Add(new CompletedAction(step.Id, StepType.Ship, shipment.RequestId));
        Emitted.Add(new ShipmentRequested(state.Order.OrderId, shipment, Cancelled: false));
    }

    /// <summary>In a flow run for a return, an approval decides the return itself.</summary>
    private Task DecideReturnAsync(bool approved, string? reason, string actor) =>
        state.Order.Return is { } ret ? ports.Returns.DecideAsync(ret, approved, reason, actor) : Task.CompletedTask;

    // ---- failures and compensation ----

    private async Task FailStepAsync(WorkflowStep step, string error)
    {
        var attempts = state.Attempts[step.Id] = state.Attempts.GetValueOrDefault(step.Id) + 1;
        if (step.OnFailure == FailureAction.Retry && attempts <= step.MaxRetries)
        {
            var delay = step.RetryBackoff * Math.Pow(2, attempts - 1);
            Record(step, "failed", "system", $"{error} (retry {attempts} of {step.MaxRetries} in {delay.TotalSeconds:0.#} s)");
            await ScheduleAsync(DeadlineKind.Retry, step.Id, Now + delay);
            return;
        }
        Record(step, "failed", "system", error);
        if (step.OnFailure == FailureAction.Compensate)
        {
            await CompensateAsync();
        }
        var task = await OpenTaskAsync(step, StepType.ManualIntervention,
            $"Step '{step.Id}' failed: {error}. Complete with outcome retry, skip or abort.", roleOverride: step.AssignedRole ?? BuiltInRoles.Manager);
        state.FailedStepOfTask[task.Id] = step.Id;
    }

    /// <summary>Undoes completed automatic steps, newest first. An undo that fails is recorded and the rest still run.</summary>
    private async Task CompensateAsync()
    {
        for (var i = state.Undoable.Count - 1; i >= 0; i--)
        {
            var action = state.Undoable[i];
            var step = Flow.Step(action.StepId)!;
            var started = Now;
            try
            {
                switch (action.Type)
                {
                    case StepType.SetStatus:
                        await ports.Orders.ChangeWorkflowStatusAsync(state.Order.OrderId, $"wf:{state.Key}:undo:{action.StepId}:{i}",
                            Enum.Parse<WorkflowStatus>(action.Undo), $"{state.Key}:system", $"compensating step {action.StepId}");
                        break;
                    case StepType.Ship when state.Shipment is { } shipment:
                        await ports.Shipments.CancelAsync(shipment, state.Order);
                        Emitted.Add(new ShipmentRequested(state.Order.OrderId, shipment, Cancelled: true));
                        state.Shipment = null;
                        break;
                    case StepType.Invoice:
                        await ports.Invoices.VoidAsync(action.Undo, state.Order);
                        break;
                }
                state.History.Add(new StepRecord(step.Id, step.Type, "compensated", "system", started, Now, action.Undo));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                state.History.Add(new StepRecord(step.Id, step.Type, "compensation-failed", "system", started, Now, ex.Message));
            }
        }
        state.Undoable.Clear();
    }

    // ---- tasks ----

    private async Task<WorkflowTask> OpenTaskAsync(WorkflowStep step, StepType type, string? message, string? roleOverride = null)
    {
        var role = roleOverride ?? step.AssignedRole;
        var assignee = step.AssignedUser ?? (role is null ? null : await LeastLoadedAsync(role, exclude: null));
        var id = WorkflowInstanceKey.TaskId(state.Key, ++state.TaskSequence);
        var task = new WorkflowTask
        {
            Id = id,
            OrderId = state.Order.OrderId,
            FlowId = Flow.Id,
            StepId = step.Id,
            StepType = type,
            Status = assignee is null ? WorkflowTaskStatus.Open : WorkflowTaskStatus.Assigned,
            Roles = role is null ? [] : [role],
            Assignee = assignee,
            Priority = PriorityOf(step),
            DueAt = step.Timeout is { } timeout && type is not StepType.ManualIntervention ? Now + timeout : null,
            Message = message,
            Packing = type == StepType.Packing ? PackingLines(step) : [],
            CreatedAt = Now,
            UpdatedAt = Now,
            Version = 1,
        };
        state.Tasks.Add(task);
        if (task.DueAt is { } due)
        {
            await ScheduleAsync(DeadlineKind.TaskTimeout, task.Id, due);
        }
        EmitAssigned(task);
        return task;
    }

    private Task OpenReviewTaskAsync(string stepId, string message)
    {
        var reviewStep = new WorkflowStep { Id = stepId, Type = StepType.ManualReview, AssignedRole = BuiltInRoles.Manager, Priority = 70 };
        return OpenTaskAsync(reviewStep, StepType.ManualReview, message);
    }

    private int PriorityOf(WorkflowStep step)
    {
        // Flow and step set the base; bigger orders (in their own currency) come first.
        var value = state.Order.GrandTotal >= 1000 ? 20 : state.Order.GrandTotal >= 250 ? 10 : 0;
        return Math.Clamp(step.Priority + Flow.Priority / 10 + value, 0, 200);
    }

    private List<PackingLine> PackingLines(WorkflowStep step) =>
        state.Order.Items
            .GroupBy(i => i.Sku, StringComparer.OrdinalIgnoreCase)
            .Select(g => new PackingLine(g.Key, g.First().Name, g.Sum(i => i.Quantity), 0, step.Config.ItemInstructions.GetValueOrDefault(g.Key)))
            .ToList();

    private async Task<string?> LeastLoadedAsync(string role, string? exclude)
    {
        var users = (await ports.Roles.GetAvailableUsersAsync(role)).Where(u => u != exclude).ToList();
        if (users.Count == 0)
        {
            return null;
        }
        var loads = await ports.Workload.GetOpenTaskCountsAsync(users);
        var chosen = users.OrderBy(u => loads.GetValueOrDefault(u)).ThenBy(u => u, StringComparer.Ordinal).First();
        ports.Workload.Assigned(chosen);
        return chosen;
    }

    public WorkflowTask? FindTask(string taskId) => state.Tasks.FirstOrDefault(t => t.Id == taskId);

    private void Replace(WorkflowTask task)
    {
        var index = state.Tasks.FindIndex(t => t.Id == task.Id);
        state.Tasks[index] = task with { UpdatedAt = Now, Version = task.Version + 1 };
    }

    private WorkflowTask Current(string taskId) => FindTask(taskId)!;

    public TaskCommandResult Claim(string taskId, TaskCaller caller)
    {
        if (Check(taskId, caller) is { } refused)
        {
            return refused;
        }
        var task = Current(taskId);
        if (task.Status == WorkflowTaskStatus.Claimed)
        {
            return task.Assignee == caller.UserId
                ? new TaskCommandResult(TaskCommandOutcome.Done, task)
                : new TaskCommandResult(TaskCommandOutcome.Conflict, task, $"Task {taskId} is already claimed by {task.Assignee}.");
        }
        Replace(task with { Status = WorkflowTaskStatus.Claimed, Assignee = caller.UserId });
        return new TaskCommandResult(TaskCommandOutcome.Done, Current(taskId));
    }

    public TaskCommandResult Release(string taskId, TaskCaller caller)
    {
        if (Check(taskId, caller) is { } refused)
        {
            return refused;
        }
        var task = Current(taskId);
        if (task.Status == WorkflowTaskStatus.Open)
        {
            return new TaskCommandResult(TaskCommandOutcome.Done, task);
        }
        if (task.Assignee != caller.UserId)
        {
            return new TaskCommandResult(TaskCommandOutcome.Conflict, task, $"Task {taskId} is held by {task.Assignee}; only they can release it.");
        }
        Replace(task with { Status = WorkflowTaskStatus.Open, Assignee = null });
        EmitAssigned(Current(taskId));
        return new TaskCommandResult(TaskCommandOutcome.Done, Current(taskId));
    }

    public TaskCommandResult Reassign(string taskId, TaskReassignment to, TaskCaller caller)
    {
        var task = FindTask(taskId);
        if (task is null)
        {
            return new TaskCommandResult(TaskCommandOutcome.NotFound, null, $"No task {taskId}.");
        }
        if (!caller.Oversees)
        {
            return new TaskCommandResult(TaskCommandOutcome.Forbidden, null, "Only someone who oversees tasks (workflows.manage) may reassign them.");
        }
        if (!task.IsOpen)
        {
            return new TaskCommandResult(TaskCommandOutcome.Conflict, task, $"Task {taskId} is {task.Status}.");
        }
        var moved = to.UserId is { } userId
            ? task.Assignee == userId ? null : task with { Status = WorkflowTaskStatus.Assigned, Assignee = userId }
            : task.Assignee is null && task.Roles.SequenceEqual([to.Role!]) ? null : task with { Status = WorkflowTaskStatus.Open, Assignee = null, Roles = [to.Role!] };
        if (moved is null)
        {
            return new TaskCommandResult(TaskCommandOutcome.Done, task);
        }
        Replace(moved);
        var from = task.Assignee ?? (task.Roles.Count > 0 ? $"the {string.Join("/", task.Roles)} pool" : "the pool");
        state.History.Add(new StepRecord(task.StepId, task.StepType, "reassigned", caller.UserId, task.CreatedAt, Now, $"from {from} to {to.Describe()}"));
        EmitAssigned(Current(taskId));
        return new TaskCommandResult(TaskCommandOutcome.Done, Current(taskId));
    }

    public TaskCommandResult Scan(string taskId, string code, TaskCaller caller)
    {
        if (Check(taskId, caller) is { } refused)
        {
            return refused;
        }
        var task = Current(taskId);
        if (task.StepType != StepType.Packing)
        {
            return new TaskCommandResult(TaskCommandOutcome.Invalid, task, "Only packing tasks take scans.", "code");
        }
        if (task.Status == WorkflowTaskStatus.Claimed && task.Assignee != caller.UserId)
        {
            return new TaskCommandResult(TaskCommandOutcome.Conflict, task, $"Task {taskId} is claimed by {task.Assignee}.");
        }
        var step = Flow.Step(task.StepId)!;
        var sku = step.Config.Barcodes.GetValueOrDefault(code) ?? code;
        var index = task.Packing.ToList().FindIndex(l => string.Equals(l.Sku, sku, StringComparison.OrdinalIgnoreCase));
        if (index < 0 || task.Packing[index].Done)
        {
            var mismatch = index < 0
                ? $"{code} is not an item of this order"
                : $"{code}: all {task.Packing[index].Quantity} of {task.Packing[index].Sku} are already scanned";
            Replace(task with { Mismatches = [.. task.Mismatches, mismatch] });
            return new TaskCommandResult(TaskCommandOutcome.Invalid, Current(taskId), mismatch, "code");
        }
        var lines = task.Packing.ToList();
        lines[index] = lines[index] with { Scanned = lines[index].Scanned + 1 };
        Replace(task with { Packing = lines, Status = WorkflowTaskStatus.Claimed, Assignee = caller.UserId });
        return new TaskCommandResult(TaskCommandOutcome.Done, Current(taskId));
    }

    public async Task<TaskCommandResult> CompleteAsync(string taskId, TaskResult result, TaskCaller caller)
    {
        var task = FindTask(taskId);
        if (task is { Status: WorkflowTaskStatus.Completed } && task.CompletedBy == caller.UserId && task.Result == result)
        {
            return new TaskCommandResult(TaskCommandOutcome.Done, task);
        }
        if (Check(taskId, caller) is { } refused)
        {
            return refused;
        }
        task = Current(taskId);
        if (task.Status == WorkflowTaskStatus.Claimed && task.Assignee != caller.UserId)
        {
            return new TaskCommandResult(TaskCommandOutcome.Conflict, task, $"Task {taskId} is claimed by {task.Assignee}.");
        }
        if (ValidateResult(task, result) is { } invalid)
        {
            return new TaskCommandResult(TaskCommandOutcome.Invalid, task, invalid.Message, invalid.Field);
        }
        await CompleteTaskAsync(task, result, caller.UserId);
        return new TaskCommandResult(TaskCommandOutcome.Done, Current(taskId));
    }

    /// <summary>
    /// The order was accepted or rejected outside the flow: completes the open approval task whose step leads to that
    /// decision (approved -> its next step, rejected -> its on-rejected step, a SetStatus to the same status) with the
    /// matching outcome, as decided outside the task by the decision's actor, and continues the flow; that SetStatus
    /// then finds the order already in its status and changes nothing. False when nothing changed.
    /// </summary>
    public async Task<bool> DecideOutsideAsync(OrderDecision decision)
    {
        if (state.Status != InstanceStatus.Running || state.Order.Return is not null || state.AppliedDecisions.Contains(decision.OperationId))
        {
            return false;
        }
        var task = state.Tasks.FirstOrDefault(t => t.IsOpen && t.StepType == StepType.Approval && LeadsTo(t.StepId, decision.Status));
        if (task is null)
        {
            return false;
        }
        state.AppliedDecisions.Add(decision.OperationId);
        if (state.AppliedDecisions.Count > MaxRememberedDecisions)
        {
            state.AppliedDecisions.RemoveAt(0);
        }
        var accepted = decision.Status == WorkflowStatus.Accepted;
        var why = $"decided outside the task: {decision.Actor.Kind} {decision.Actor} {(accepted ? "accepted" : "rejected")} the order";
        var result = new TaskResult
        {
            Outcome = accepted ? "approved" : "rejected",
            Reason = string.IsNullOrWhiteSpace(decision.Reason) ? why : $"{why}: {decision.Reason}",
        };
        await CompleteTaskAsync(task, result, decision.Actor.Id);
        return true;
    }

    private bool LeadsTo(string stepId, WorkflowStatus status)
    {
        if (Flow.Step(stepId) is not { Type: StepType.Approval } step)
        {
            return false;
        }
        var target = status switch
        {
            WorkflowStatus.Accepted => step.Next,
            WorkflowStatus.Rejected => step.OnRejected,
            _ => null,
        };
        return target is not null && Flow.Step(target) is { Type: StepType.SetStatus } setStatus && setStatus.Config.Status == status;
    }

    private TaskCommandResult? Check(string taskId, TaskCaller caller)
    {
        var task = FindTask(taskId);
        if (task is null)
        {
            return new TaskCommandResult(TaskCommandOutcome.NotFound, null, $"No task {taskId}.");
        }
        if (!TaskAccessPolicy.CanAct(task, caller))
        {
            return new TaskCommandResult(TaskCommandOutcome.Forbidden, null, "Only the assignee or a holder of the task's role may act on it.");
        }
        return task.IsOpen ? null : new TaskCommandResult(TaskCommandOutcome.Conflict, task, $"Task {taskId} is {task.Status}.");
    }

    private static (string Field, string Message)? ValidateResult(WorkflowTask task, TaskResult result)
    {
        string[] allowed = task.StepType switch
        {
            StepType.Approval => ["approved", "rejected"],
            StepType.Ship => ["shipped"],
            StepType.ManualReview => ["true", "false"],
            StepType.ManualIntervention => ["retry", "skip", "abort"],
            _ => ["done"],
        };
        if (!allowed.Contains(result.Outcome))
        {
            return ("outcome", $"outcome is one of: {string.Join(", ", allowed)}.");
        }
        if (task.StepType == StepType.Approval && result.Outcome == "rejected" && string.IsNullOrWhiteSpace(result.Reason))
        {
            return ("reason", "A rejection needs a reason.");
        }
        if (task.StepType == StepType.Ship && string.IsNullOrWhiteSpace(result.TrackingNumber))
        {
            return ("trackingNumber", "Shipping needs the tracking number.");
        }
        if (task.StepType == StepType.Packing && task.Packing.FirstOrDefault(l => !l.Done) is { } missing)
        {
            return ("packing", $"{missing.Sku}: {missing.Scanned} of {missing.Quantity} scanned; scan every item before completing.");
        }
        if (result.Reason is { Length: > 2000 } || result.Notes is { Length: > 4000 })
        {
            return ("reason", "reason is at most 2000 and notes at most 4000 characters.");
        }
        return null;
    }

    private async Task CompleteTaskAsync(WorkflowTask task, TaskResult result, string actor)
    {
        Replace(task with { Status = WorkflowTaskStatus.Completed, Result = result, CompletedBy = actor, Assignee = task.Assignee ?? actor });
        await CancelDeadlinesOfAsync(task.Id);
        Emitted.Add(new WorkflowTaskCompleted(task.Id, task.OrderId, task.FlowId, task.StepType, actor, result.Outcome, Now));

        var record = new StepRecord(task.StepId, task.StepType, result.Outcome, actor, task.CreatedAt, Now, result.Reason ?? result.Notes);
        state.History.Add(record);
        if (task.StepId == AppliesToReview)
        {
            if (result.Outcome == "true")
            {
                await AdvanceAsync(Flow.Start?.Id);
            }
            else
            {
                Finish(InstanceStatus.Skipped, "flow does not apply");
            }
            return;
        }

        var step = Flow.Step(task.StepId)!;
        if (task.StepType == StepType.Approval && state.Order.Return is not null)
        {
            try
            {
                await DecideReturnAsync(result.Outcome == "approved", result.Reason, actor);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                await FailStepAsync(step, ex.Message);
                return;
            }
        }
        switch (task.StepType)
        {
            case StepType.ManualReview when step.Type == StepType.Branch:
                await AdvanceAsync(result.Outcome == "true" ? step.Config.WhenTrue : step.Config.WhenFalse);
                break;
            case StepType.ManualReview:
                if (result.Outcome == "true")
                {
                    await RunStepAsync(step);
                }
                else
                {
                    await AdvanceAsync(step.Next);
                }
                break;
            case StepType.ManualIntervention:
                var failed = Flow.Step(state.FailedStepOfTask.GetValueOrDefault(task.Id) ?? step.Id)!;
                if (result.Outcome == "retry")
                {
                    state.Attempts.Remove(failed.Id);
                    await RunStepAsync(failed);
                }
                else if (result.Outcome == "skip")
                {
                    await AdvanceAsync(failed.Next);
                }
                else
                {
                    Finish(InstanceStatus.Failed, $"aborted by {actor}");
                }
                break;
            case StepType.Approval when result.Outcome == "rejected":
                if (step.OnRejected is null)
                {
                    Finish(InstanceStatus.Rejected, result.Reason);
                }
                else
                {
                    await AdvanceAsync(step.OnRejected);
                }
                break;
            case StepType.Packing:
                await RunAutomaticAsync(step, () => SetStatusAsync(step, WorkflowStatus.Packed, actor));
                break;
            case StepType.Ship:
                await RunAutomaticAsync(step, () => ShipAsync(step, result.TrackingNumber, result.LabelReference));
                break;
            default:
                await AdvanceAsync(step.Next);
                break;
        }
    }

    /// <summary>Finishes a person step with its automatic part (status change, shipment), then moves on.</summary>
    private async Task RunAutomaticAsync(WorkflowStep step, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await FailStepAsync(step, ex.Message);
            return;
        }
        await AdvanceAsync(step.Next);
    }

    /// <summary>Runs one step (its condition already decided), then continues.</summary>
    private async Task RunStepAsync(WorkflowStep step)
    {
        state.CurrentStep = step.Id;
        state.StepStartedAt = Now;
        StepResult result;
        try
        {
            result = await ExecuteAsync(step);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await FailStepAsync(step, ex.Message);
            return;
        }
        if (!result.Waits)
        {
            await AdvanceAsync(result.Next);
        }
    }

    // ---- deadlines ----

    private async Task ScheduleAsync(DeadlineKind kind, string reference, DateTimeOffset due)
    {
        var id = $"{state.Key}|{kind}|{reference}|{state.History.Count}.{state.Deadlines.Count}";
        state.Deadlines[id] = new DeadlinePurpose(kind, reference);
        await ports.Deadlines.ScheduleAsync(id, state.Key, due);
    }

    private async Task CancelDeadlinesOfAsync(string taskId)
    {
        foreach (var (id, _) in state.Deadlines.Where(d => d.Value.Kind == DeadlineKind.TaskTimeout && d.Value.Ref == taskId).ToList())
        {
            state.Deadlines.Remove(id);
            await ports.Deadlines.CancelAsync(id);
        }
    }

    public async Task OnDeadlineAsync(string deadlineId)
    {
        if (!state.Deadlines.Remove(deadlineId, out var purpose) || state.Status != InstanceStatus.Running)
        {
            return;
        }
        switch (purpose.Kind)
        {
            case DeadlineKind.WaitOver:
                var waited = Flow.Step(purpose.Ref)!;
                Record(waited, "waited", "system", null);
                await AdvanceAsync(waited.Next);
                break;
            case DeadlineKind.Retry:
                await RunStepAsync(Flow.Step(purpose.Ref)!);
                break;
            case DeadlineKind.TaskTimeout when FindTask(purpose.Ref) is { IsOpen: true } task:
                await TimeOutAsync(task);
                break;
        }
    }

    private async Task TimeOutAsync(WorkflowTask task)
    {
        var step = Flow.Step(task.StepId) ?? new WorkflowStep { Id = task.StepId, Type = task.StepType };
        var timeout = step.Timeout ?? TimeSpan.FromHours(1);
        switch (step.OnTimeout)
        {
            case TimeoutAction.Escalate:
                var role = step.EscalateToRole ?? BuiltInRoles.Manager;
                var to = await LeastLoadedAsync(role, exclude: task.Assignee);
                Replace(task with
                {
                    Roles = task.Roles.Contains(role) ? task.Roles : [.. task.Roles, role],
                    Assignee = to,
                    Status = to is null ? WorkflowTaskStatus.Open : WorkflowTaskStatus.Assigned,
                    Priority = Math.Min(task.Priority + 25, 200),
                    Escalations = task.Escalations + 1,
                    DueAt = Now + timeout,
                });
                await ScheduleAsync(DeadlineKind.TaskTimeout, task.Id, Now + timeout);
                Notify(step.Id, [role], to is null ? [] : [to], $"Task {task.Id} ({task.StepType}) for order {task.OrderId} is overdue and escalated to {role}.");
                state.History.Add(new StepRecord(step.Id, task.StepType, "escalated", "system", task.CreatedAt, Now, $"to {to ?? role}"));
                EmitAssigned(Current(task.Id));
                break;
            case TimeoutAction.Reassign:
                var next = task.Roles.Count == 0 ? null : await LeastLoadedAsync(task.Roles[0], exclude: task.Assignee);
                Replace(task with
                {
                    Assignee = next,
                    Status = next is null ? WorkflowTaskStatus.Open : WorkflowTaskStatus.Assigned,
                    DueAt = Now + timeout,
                });
                await ScheduleAsync(DeadlineKind.TaskTimeout, task.Id, Now + timeout);
                state.History.Add(new StepRecord(step.Id, task.StepType, "reassigned", "system", task.CreatedAt, Now, $"from {task.Assignee ?? "pool"} to {next ?? "pool"}"));
                EmitAssigned(Current(task.Id));
                break;
            case TimeoutAction.AutoComplete:
                var outcome = task.StepType switch
                {
                    StepType.Approval => "approved",
                    StepType.Ship => "shipped",
                    StepType.ManualReview => "false",
                    StepType.ManualIntervention => "abort",
                    _ => "done",
                };
                await CompleteTaskAsync(task, new TaskResult { Outcome = outcome, Notes = "auto-completed after timeout", TrackingNumber = task.StepType == StepType.Ship ? "pending" : null }, "system:timeout");
                break;
            case TimeoutAction.Fail:
                Replace(task with { Status = WorkflowTaskStatus.Cancelled });
                await FailStepAsync(step, $"Task {task.Id} timed out");
                break;
        }
    }

    // ---- records ----

    private void Record(WorkflowStep step, string outcome, string actor, string? detail) =>
        state.History.Add(new StepRecord(step.Id, step.Type, outcome, actor, state.StepStartedAt, Now, detail));

    private void Notify(string stepId, IReadOnlyList<string> roles, IReadOnlyList<string> users, string message)
    {
        var notification = new NotificationRecord(stepId, roles, users, message, Now);
        state.Notifications.Add(notification);
        Emitted.Add(notification);
    }

    private void EmitAssigned(WorkflowTask task) =>
        Emitted.Add(new WorkflowTaskAssigned(task.Id, task.OrderId, task.FlowId, task.StepType, task.Assignee, task.Roles, task.Priority, task.DueAt, Now));

    private void Finish(InstanceStatus status, string? detail)
    {
        state.Status = status;
        state.CurrentStep = null;
        foreach (var open in state.Tasks.Where(t => t.IsOpen).ToList())
        {
            Replace(open with { Status = WorkflowTaskStatus.Cancelled });
        }
        state.History.Add(new StepRecord("$end", StepType.ManualTask, status.ToString(), "system", Now, Now, detail));
    }

    public WorkflowInstanceView View() => new()
    {
        Key = state.Key,
        OrderId = state.Order.OrderId,
        FlowId = Flow.Id,
        Version = Flow.Version,
        Status = state.Status,
        CurrentStep = state.CurrentStep,
        History = state.History.ToList(),
        Tasks = state.Tasks.ToList(),
        Notifications = state.Notifications.ToList(),
        Shipment = state.Shipment,
        StartedAt = state.StartedAt,
        UpdatedAt = state.UpdatedAt,
        Revision = state.Revision,
    };
}
