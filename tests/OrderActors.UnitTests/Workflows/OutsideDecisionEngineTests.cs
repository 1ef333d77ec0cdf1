using OrderActors.Grains.Workflows.Flows;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.UnitTests.Workflows;

/// <summary>The engine's side of an accept or reject made outside the flow (<c>DecideOutsideAsync</c>).</summary>
public sealed class OutsideDecisionEngineTests
{
    private static OrderDecision Decision(WorkflowStatus status, string operation = "op-1") =>
        new(operation, status, new Actor(ActorKind.User, "u-7", "Uma"), "phoned", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task An_outside_accept_closes_the_accept_task_once_and_the_flow_goes_on()
    {
        var h = new EngineHarness();
        await h.StartAsync(BuiltInFlows.StandardMarketplaceOrder());
        var accept = h.OpenTask;

        Assert.True(await h.Engine().DecideOutsideAsync(Decision(WorkflowStatus.Accepted)));
        Assert.False(await h.Engine().DecideOutsideAsync(Decision(WorkflowStatus.Accepted)));

        var closed = h.State.Tasks.Single(t => t.Id == accept.Id);
        Assert.Equal(WorkflowTaskStatus.Completed, closed.Status);
        Assert.Equal("approved", closed.Result!.Outcome);
        Assert.Equal("u-7", closed.CompletedBy);
        Assert.Equal(["accept:approved", "mark-accepted:Accepted", "start-work:InProgress"], h.Path);
        Assert.StartsWith("decided outside the task", h.State.History[0].Detail);
        Assert.Equal("pick-pack", h.State.CurrentStep);
        Assert.Equal(StepType.Packing, h.OpenTask.StepType);
    }

    [Fact]
    public async Task An_outside_reject_takes_the_rejected_branch()
    {
        var h = new EngineHarness();
        await h.StartAsync(BuiltInFlows.StandardMarketplaceOrder());

        Assert.True(await h.Engine().DecideOutsideAsync(Decision(WorkflowStatus.Rejected)));

        Assert.Equal(["accept:rejected", "mark-rejected:Rejected", "$end:Completed"], h.Path);
        Assert.Equal(InstanceStatus.Completed, h.State.Status);
    }

    [Fact]
    public async Task A_decision_no_open_approval_leads_to_changes_nothing()
    {
        var h = new EngineHarness();
        await h.StartAsync(new ProcessFlow
        {
            Id = "ask", Name = "Ask", Trigger = FlowTrigger.OrderReceived,
            Steps =
            [
                new() { Id = "ask", Type = StepType.Approval, AssignedRole = "CustomerService", Next = "note" },
                new() { Id = "note", Type = StepType.Notify, Config = new() { Message = "approved", NotifyRoles = ["Manager"] } },
            ],
        });

        Assert.False(await h.Engine().DecideOutsideAsync(Decision(WorkflowStatus.Accepted)));
        Assert.False(await h.Engine().DecideOutsideAsync(Decision(WorkflowStatus.Rejected, "op-2")));
        Assert.True(h.OpenTask.IsOpen);
        Assert.Empty(h.StatusChanges);
    }
}
