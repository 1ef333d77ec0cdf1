using OrderActors.Grains.Workflows.Roles;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.UnitTests.Workflows;

public sealed class WorkflowEngineTests
{
    private static readonly TaskCaller Boss = new("boss", [BuiltInRoles.Manager]);
    private static readonly TaskCaller Cs = new("cs-1", [BuiltInRoles.CustomerService]);

    private static ProcessFlow BranchingFlow() => new()
    {
        Id = "branching",
        Name = "Branching",
        Steps =
        [
            new() { Id = "value", Type = StepType.Branch, Config = new() { Condition = "grandTotal >= 500", WhenTrue = "big", WhenFalse = "small" } },
            new() { Id = "big", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.OnHold }, Next = "done" },
            new() { Id = "small", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.Accepted }, Next = "done" },
            new() { Id = "done", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.Done } },
        ],
    };

    [Fact]
    public async Task Branch_takes_the_path_its_condition_picks()
    {
        var big = new EngineHarness();
        var small = new EngineHarness();

        await big.StartAsync(BranchingFlow(), EngineHarness.Order(total: 900));
        await small.StartAsync(BranchingFlow(), EngineHarness.Order(total: 20));

        Assert.Equal(["value:true", "big:OnHold", "done:Done", "$end:Completed"], big.Path);
        Assert.Equal(["value:false", "small:Accepted", "done:Done", "$end:Completed"], small.Path);
        Assert.Equal([WorkflowStatus.Accepted, WorkflowStatus.Done], small.StatusChanges);
        Assert.Equal(InstanceStatus.Completed, big.State.Status);
    }

    [Fact]
    public async Task Branch_condition_error_opens_a_manual_review_whose_answer_picks_the_path()
    {
        var flow = BranchingFlow() with
        {
            Steps = [BranchingFlow().Steps[0] with { Config = new() { Condition = "country == 'MY'", WhenTrue = "big", WhenFalse = "small" } }, .. BranchingFlow().Steps.Skip(1)],
        };
        var h = new EngineHarness();

        await h.StartAsync(flow, EngineHarness.Order(country: null));

        var review = h.OpenTask;
        Assert.Equal(StepType.ManualReview, review.StepType);
        Assert.Equal([BuiltInRoles.Manager], review.Roles);
        Assert.Contains("country", review.Message);

        var result = await h.Engine().CompleteAsync(review.Id, new TaskResult { Outcome = "false" }, Boss);

        Assert.Equal(TaskCommandOutcome.Done, result.Outcome);
        Assert.Contains("small:Accepted", h.Path);
        Assert.Equal(InstanceStatus.Completed, h.State.Status);
    }

    private static ProcessFlow ApprovalFlow(TimeoutAction onTimeout) => new()
    {
        Id = "approval",
        Name = "Approval",
        Steps =
        [
            new()
            {
                Id = "approve", Type = StepType.Approval, AssignedRole = BuiltInRoles.CustomerService, Timeout = TimeSpan.FromHours(1),
                OnTimeout = onTimeout, Next = "accept",
            },
            new() { Id = "accept", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.Accepted } },
        ],
    };

    [Fact]
    public async Task An_overdue_task_escalates_to_a_manager_with_higher_priority_and_a_new_deadline()
    {
        var h = new EngineHarness();
        await h.StartAsync(ApprovalFlow(TimeoutAction.Escalate));
        var task = h.OpenTask;
        Assert.Equal("cs-1", task.Assignee);
        Assert.Equal(h.Clock.GetUtcNow().AddHours(1), task.DueAt);

        await h.AdvanceAsync(TimeSpan.FromMinutes(59));
        Assert.Equal(0, h.OpenTask.Escalations);

        await h.AdvanceAsync(TimeSpan.FromMinutes(2));
        var escalated = h.OpenTask;

        Assert.Equal(1, escalated.Escalations);
        Assert.Equal("boss", escalated.Assignee);
        Assert.Contains(BuiltInRoles.Manager, escalated.Roles);
        Assert.Equal(task.Priority + 25, escalated.Priority);
        Assert.Equal(h.Clock.GetUtcNow().AddHours(1), escalated.DueAt);
        Assert.Single(h.Deadlines);
        Assert.Contains(h.State.Notifications, n => n.Roles.Contains(BuiltInRoles.Manager));
        Assert.Contains("approve:escalated", h.Path);
    }

    [Fact]
    public async Task An_overdue_task_can_auto_complete_and_the_flow_goes_on()
    {
        var h = new EngineHarness();
        await h.StartAsync(ApprovalFlow(TimeoutAction.AutoComplete));

        await h.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(["approve:approved", "accept:Accepted", "$end:Completed"], h.Path);
        Assert.Equal(WorkflowStatus.Accepted, h.OrderStatus);
    }

    [Fact]
    public async Task An_overdue_task_can_be_reassigned_to_another_holder_of_the_role()
    {
        var h = new EngineHarness();
        h.Members[BuiltInRoles.CustomerService] = ["cs-1", "cs-2"];
        await h.StartAsync(ApprovalFlow(TimeoutAction.Reassign));
        Assert.Equal("cs-1", h.OpenTask.Assignee);

        await h.AdvanceAsync(TimeSpan.FromMinutes(61));

        Assert.Equal("cs-2", h.OpenTask.Assignee);
    }

    [Fact]
    public async Task A_completed_task_cancels_its_deadline()
    {
        var h = new EngineHarness();
        await h.StartAsync(ApprovalFlow(TimeoutAction.Fail));

        await h.Engine().CompleteAsync(h.OpenTask.Id, new TaskResult { Outcome = "approved" }, Cs);
        await h.AdvanceAsync(TimeSpan.FromHours(5));

        Assert.Empty(h.Deadlines);
        Assert.Equal(InstanceStatus.Completed, h.State.Status);
        Assert.DoesNotContain(h.Path, p => p.Contains("failed"));
    }

    [Fact]
    public async Task A_wait_step_resumes_when_its_time_comes()
    {
        var flow = new ProcessFlow
        {
            Id = "wait",
            Name = "Wait",
            Steps =
            [
                new() { Id = "cool-off", Type = StepType.Wait, Config = new() { WaitFor = TimeSpan.FromMinutes(30) }, Next = "done" },
                new() { Id = "done", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.Done } },
            ],
        };
        var h = new EngineHarness();
        await h.StartAsync(flow);

        await h.AdvanceAsync(TimeSpan.FromMinutes(29));
        Assert.Equal(InstanceStatus.Running, h.State.Status);

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(InstanceStatus.Completed, h.State.Status);
    }

    [Fact]
    public async Task A_failed_step_compensates_completed_automatic_steps_then_asks_a_person()
    {
        var flow = new ProcessFlow
        {
            Id = "compensate",
            Name = "Compensate",
            Steps =
            [
                new() { Id = "start", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.InProgress }, Next = "bill" },
                new() { Id = "bill", Type = StepType.Invoice, Next = "ship" },
                new() { Id = "ship", Type = StepType.Ship, AutoExecute = true, OnFailure = FailureAction.Compensate, AssignedRole = BuiltInRoles.Warehouse },
            ],
        };
        var h = new EngineHarness();

        await h.StartAsync(flow, EngineHarness.Order(address: false));

        Assert.Equal([WorkflowStatus.InProgress, WorkflowStatus.New], h.StatusChanges);
        Assert.Equal(["start:InProgress", "bill:invoice", "ship:failed", "bill:compensated", "start:compensated"], h.Path);
        Assert.Single(h.Invoices);
        Assert.Equal(h.Invoices, h.VoidedInvoices);
        var task = h.OpenTask;
        Assert.Equal(StepType.ManualIntervention, task.StepType);
        Assert.Contains("shipping address", task.Message);

        await h.Engine().CompleteAsync(task.Id, new TaskResult { Outcome = "abort" }, new TaskCaller("wh-1", [BuiltInRoles.Warehouse]));
        Assert.Equal(InstanceStatus.Failed, h.State.Status);
    }

    [Fact]
    public async Task A_failing_step_with_retry_backs_off_then_asks_a_person()
    {
        var flow = new ProcessFlow
        {
            Id = "retry",
            Name = "Retry",
            Steps = [new() { Id = "ship", Type = StepType.Ship, AutoExecute = true, OnFailure = FailureAction.Retry, MaxRetries = 2, RetryBackoff = TimeSpan.FromSeconds(10) }],
        };
        var h = new EngineHarness();
        await h.StartAsync(flow, EngineHarness.Order(address: false));
        Assert.Equal(h.Clock.GetUtcNow().AddSeconds(10), Assert.Single(h.Deadlines).Value);

        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(h.Clock.GetUtcNow().AddSeconds(20), Assert.Single(h.Deadlines).Value);

        await h.AdvanceAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(h.Deadlines);
        Assert.Equal(StepType.ManualIntervention, h.OpenTask.StepType);
        Assert.Equal(3, h.Path.Count(p => p == "ship:failed"));
    }

    [Fact]
    public async Task Of_two_claims_one_wins_and_others_cannot_act()
    {
        var flow = ApprovalFlow(TimeoutAction.Escalate) with
        {
            Steps = [ApprovalFlow(TimeoutAction.Escalate).Steps[0] with { AssignedRole = BuiltInRoles.Warehouse }, ApprovalFlow(TimeoutAction.Escalate).Steps[1]],
        };
        var h = new EngineHarness();
        h.Members.Remove(BuiltInRoles.Warehouse);
        await h.StartAsync(flow);
        var id = h.OpenTask.Id;
        Assert.Null(h.OpenTask.Assignee);

        var first = h.Engine().Claim(id, new TaskCaller("wh-1", [BuiltInRoles.Warehouse]));
        var second = h.Engine().Claim(id, new TaskCaller("wh-2", [BuiltInRoles.Warehouse]));
        var outsider = h.Engine().Claim(id, Cs);
        var stranger = await h.Engine().CompleteAsync(id, new TaskResult { Outcome = "approved" }, Cs);

        Assert.Equal(TaskCommandOutcome.Done, first.Outcome);
        Assert.Equal(TaskCommandOutcome.Conflict, second.Outcome);
        Assert.Equal(TaskCommandOutcome.Forbidden, outsider.Outcome);
        Assert.Equal(TaskCommandOutcome.Forbidden, stranger.Outcome);
        Assert.Equal("wh-1", h.OpenTask.Assignee);
    }

    [Fact]
    public async Task Packing_needs_every_item_scanned_reports_mismatches_and_advances_the_order_to_packed()
    {
        var flow = new ProcessFlow
        {
            Id = "pack",
            Name = "Pack",
            Steps = [new() { Id = "pack", Type = StepType.Packing, AssignedRole = BuiltInRoles.Warehouse, Config = new() { Barcodes = new Dictionary<string, string> { ["8801"] = "B" } } }],
        };
        var h = new EngineHarness();
        await h.StartAsync(flow);
        var packer = new TaskCaller("wh-1", [BuiltInRoles.Warehouse]);
        var id = h.OpenTask.Id;

        Assert.Equal(TaskCommandOutcome.Done, h.Engine().Scan(id, "A", packer).Outcome);
        var early = await h.Engine().CompleteAsync(id, new TaskResult(), packer);
        var wrong = h.Engine().Scan(id, "ZZZ", packer);
        var extra = h.Engine().Scan(id, "a", packer);
        Assert.Equal(TaskCommandOutcome.Done, h.Engine().Scan(id, "8801", packer).Outcome);
        var done = await h.Engine().CompleteAsync(id, new TaskResult(), packer);

        Assert.Equal(TaskCommandOutcome.Invalid, early.Outcome);
        Assert.Equal("packing", early.Field);
        Assert.Equal(TaskCommandOutcome.Invalid, wrong.Outcome);
        Assert.Equal(TaskCommandOutcome.Invalid, extra.Outcome);
        Assert.Equal(2, h.State.Tasks.Single().Mismatches.Count);
        Assert.Equal(TaskCommandOutcome.Done, done.Outcome);
        Assert.Equal(WorkflowStatus.Packed, h.OrderStatus);
    }

    [Fact]
    public async Task A_rejected_approval_needs_a_reason_and_ends_the_flow_as_rejected()
    {
        var h = new EngineHarness();
        await h.StartAsync(ApprovalFlow(TimeoutAction.Escalate));
        var id = h.OpenTask.Id;

        var noReason = await h.Engine().CompleteAsync(id, new TaskResult { Outcome = "rejected" }, Cs);
        var rejected = await h.Engine().CompleteAsync(id, new TaskResult { Outcome = "rejected", Reason = "fraud suspected" }, Cs);
        var again = await h.Engine().CompleteAsync(id, new TaskResult { Outcome = "rejected", Reason = "fraud suspected" }, Cs);

        Assert.Equal("reason", noReason.Field);
        Assert.Equal(TaskCommandOutcome.Done, rejected.Outcome);
        Assert.Equal(TaskCommandOutcome.Done, again.Outcome);
        Assert.Equal(InstanceStatus.Rejected, h.State.Status);
    }
}
