using Microsoft.Extensions.Logging;
using OrderActors.Events;
using OrderActors.Grains.Events;
using OrderActors.Grains.Workflows.Engine;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Instances;

/// <summary>See <see cref="IWorkflowInstanceGrain"/>. Every call runs the engine, stores the state, then projects and publishes.</summary>
public sealed class WorkflowInstanceGrain(
    [PersistentState("workflow-instance")] IPersistentState<InstanceGrainState> state,
    WorkflowPorts ports,
    IWorkflowProjection projection,
    IWorkflowEventPublisher events,
    TimeProvider time,
    ILogger<WorkflowInstanceGrain> logger) : Grain, IWorkflowInstanceGrain
{
    private EventOutbox<InstanceGrainState>? _feed;

    private InstanceState Instance => state.State.Instance;

    private EventOutbox<InstanceGrainState> Feed => _feed ??= new(this, state, GrainFactory, logger);

    private bool Started => Instance.Flow is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A projection or publication lost with a crash after the write is repaired here.
        if (Started)
        {
            await AfterWriteAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Started ? Feed.SaveClearedAsync() : Task.CompletedTask;

    public async Task<WorkflowInstanceView> Start(ProcessFlow flow, OrderFacts order, bool appliesToUncertain)
    {
        var engine = new WorkflowEngine(Instance, ports);
        if (!Started)
        {
            await engine.StartAsync(this.GetPrimaryKeyString(), flow, order, appliesToUncertain);
            await SaveAsync(engine);
        }
        return engine.View();
    }

    public Task<WorkflowInstanceView?> GetView() =>
        Task.FromResult(Started ? new WorkflowEngine(Instance, ports).View() : null);

    public Task<TaskCommandResult> Claim(string taskId, TaskCaller caller) =>
        CommandAsync(engine => Task.FromResult(engine.Claim(taskId, caller)));

    public Task<TaskCommandResult> Release(string taskId, TaskCaller caller) =>
        CommandAsync(engine => Task.FromResult(engine.Release(taskId, caller)));

    public Task<TaskCommandResult> Reassign(string taskId, TaskReassignment to, TaskCaller caller) =>
        CommandAsync(engine => Task.FromResult(engine.Reassign(taskId, to, caller)));

    public Task<TaskCommandResult> Scan(string taskId, string code, TaskCaller caller) =>
        CommandAsync(engine => Task.FromResult(engine.Scan(taskId, code, caller)));

    public Task<TaskCommandResult> Complete(string taskId, TaskResult result, TaskCaller caller) =>
        CommandAsync(engine => engine.CompleteAsync(taskId, result, caller));

    public async Task DecidedOutside(OrderDecision decision)
    {
        if (!Started)
        {
            return;
        }
        var engine = new WorkflowEngine(Instance, ports);
        if (await engine.DecideOutsideAsync(decision))
        {
            await SaveAsync(engine);
        }
    }

    public async Task OnDeadline(string deadlineId)
    {
        if (!Started || !Instance.Deadlines.ContainsKey(deadlineId))
        {
            return;
        }
        var engine = new WorkflowEngine(Instance, ports);
        await engine.OnDeadlineAsync(deadlineId);
        await SaveAsync(engine);
    }

    private async Task<TaskCommandResult> CommandAsync(Func<WorkflowEngine, Task<TaskCommandResult>> command)
    {
        if (!Started)
        {
            return new TaskCommandResult(TaskCommandOutcome.NotFound, null, "No such task.");
        }
        var engine = new WorkflowEngine(Instance, ports);
        var result = await command(engine);
        // Refusals change nothing; everything else (a mismatch on a scan included) is stored.
        if (result.Outcome is TaskCommandOutcome.Done or TaskCommandOutcome.Invalid)
        {
            await SaveAsync(engine);
            if (result.Task is { } task)
            {
                result = result with { Task = engine.FindTask(task.Id) };
            }
        }
        return result;
    }

    private async Task SaveAsync(WorkflowEngine engine)
    {
        Instance.Revision++;
        Instance.UpdatedAt = time.GetUtcNow();
        state.State.Outbox.AddRange(engine.Emitted);
        RecordFeedEvents(engine);
        await state.WriteStateAsync();
        await AfterWriteAsync();
    }

    private async Task AfterWriteAsync()
    {
        try
        {
            await projection.ProjectAsync(new WorkflowEngine(Instance, ports).View());
        }
        catch (Exception ex)
        {
            // The state is durable; the next change or activation projects again.
            logger.LogWarning(ex, "Projecting workflow instance {Key} revision {Revision} failed", Instance.Key, Instance.Revision);
        }
        // Task events reach the durable feed from the stored outbox (retried by timer and on activation).
        await Feed.FlushAsync();
        if (state.State.Outbox.Count == 0)
        {
            return;
        }
        try
        {
            await events.PublishAsync(Instance.Order.OrderId, state.State.Outbox.ToList());
            // Cleared in memory now and in storage with the next write: a crash before it republishes (at least once).
            state.State.Outbox.Clear();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Publishing {Count} workflow events of {Key} failed; kept for the next attempt", state.State.Outbox.Count, Instance.Key);
        }
    }

    private void RecordFeedEvents(WorkflowEngine engine)
    {
        for (var i = 0; i < engine.Emitted.Count; i++)
        {
            var emitted = engine.Emitted[i];
            var task = emitted switch
            {
                WorkflowTaskAssigned a => engine.FindTask(a.TaskId),
                WorkflowTaskCompleted c => engine.FindTask(c.TaskId),
                _ => null,
            };
            if (FeedEvents.FromWorkflowEvent(emitted, task, Instance.Order, Instance.Key, Instance.Revision, i) is { } feedEvent)
            {
                Feed.Record(feedEvent);
            }
        }
    }
}
