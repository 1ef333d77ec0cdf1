using OrderActors.Grains.Workflows.Roles;
using OrderActors.Workflows;

namespace OrderActors.UnitTests.Workflows;

public sealed class TaskReassignEngineTests
{
    private static readonly TaskCaller Overseer = new("boss", [BuiltInRoles.Manager], Oversees: true);
    private static readonly TaskCaller Holder = new("cs-1", [BuiltInRoles.CustomerService]);

    private static ProcessFlow Flow() => new()
    {
        Id = "reassign",
        Name = "Reassign",
        Steps =
        [
            new() { Id = "approve", Type = StepType.Approval, AssignedRole = BuiltInRoles.CustomerService, Next = "accept" },
            new() { Id = "accept", Type = StepType.SetStatus, Config = new() { Status = OrderActors.Orders.WorkflowStatus.Accepted } },
        ],
    };

    [Fact]
    public async Task Only_an_overseer_may_reassign_not_even_the_assignee()
    {
        var h = new EngineHarness();
        await h.StartAsync(Flow());
        Assert.Equal("cs-1", h.OpenTask.Assignee);

        var result = h.Engine().Reassign(h.OpenTask.Id, TaskReassignment.ToUser("wh-1"), Holder);

        Assert.Equal(TaskCommandOutcome.Forbidden, result.Outcome);
        Assert.Equal("cs-1", h.OpenTask.Assignee);
    }

    [Fact]
    public async Task An_overseer_hands_a_task_to_a_person_once_recorded_and_announced_and_a_repeat_changes_nothing()
    {
        var h = new EngineHarness();
        await h.StartAsync(Flow());
        var taskId = h.OpenTask.Id;
        h.Engine().Claim(taskId, Holder);

        var engine = h.Engine();
        var result = engine.Reassign(taskId, TaskReassignment.ToUser("wh-1"), Overseer);

        Assert.Equal(TaskCommandOutcome.Done, result.Outcome);
        Assert.Equal((WorkflowTaskStatus.Assigned, "wh-1"), (h.OpenTask.Status, h.OpenTask.Assignee));
        var assigned = Assert.IsType<WorkflowTaskAssigned>(Assert.Single(engine.Emitted));
        Assert.Equal("wh-1", assigned.Assignee);
        var record = Assert.Single(h.State.History, r => r.Outcome == "reassigned");
        Assert.Equal(("boss", "from cs-1 to wh-1"), (record.Actor, record.Detail));

        var version = h.OpenTask.Version;
        var again = h.Engine();
        Assert.Equal(TaskCommandOutcome.Done, again.Reassign(taskId, TaskReassignment.ToUser("wh-1"), Overseer).Outcome);
        Assert.Empty(again.Emitted);
        Assert.Equal(version, h.OpenTask.Version);
        Assert.Single(h.State.History, r => r.Outcome == "reassigned");
    }

    [Fact]
    public async Task An_overseer_sends_a_task_back_to_the_open_pool_of_another_role()
    {
        var h = new EngineHarness();
        await h.StartAsync(Flow());
        var taskId = h.OpenTask.Id;

        var result = h.Engine().Reassign(taskId, TaskReassignment.ToRole(BuiltInRoles.Warehouse), Overseer);

        Assert.Equal(TaskCommandOutcome.Done, result.Outcome);
        Assert.Equal(WorkflowTaskStatus.Open, h.OpenTask.Status);
        Assert.Null(h.OpenTask.Assignee);
        Assert.Equal([BuiltInRoles.Warehouse], h.OpenTask.Roles);
        Assert.Equal("from cs-1 to the Warehouse pool", Assert.Single(h.State.History, r => r.Outcome == "reassigned").Detail);
        // The role's holders may now act on it; the former assignee may not.
        Assert.Equal(TaskCommandOutcome.Done, h.Engine().Claim(taskId, new TaskCaller("wh-2", [BuiltInRoles.Warehouse])).Outcome);
        Assert.Equal(TaskCommandOutcome.Forbidden, h.Engine().Claim(taskId, Holder).Outcome);
    }

    [Fact]
    public async Task A_finished_task_cannot_be_reassigned()
    {
        var h = new EngineHarness();
        await h.StartAsync(Flow());
        var taskId = h.OpenTask.Id;
        await h.Engine().CompleteAsync(taskId, new TaskResult { Outcome = "approved" }, Holder);

        Assert.Equal(TaskCommandOutcome.Conflict, h.Engine().Reassign(taskId, TaskReassignment.ToUser("wh-1"), Overseer).Outcome);
    }
}
