using OrderActors.Grains.Workflows.Flows;
using OrderActors.Grains.Workflows.Roles;
using OrderActors.Workflows;

namespace OrderActors.UnitTests.Workflows;

/// <summary>The built-in return handling flow decides by value and reason, and its approval decides the return.</summary>
public sealed class ReturnFlowTests
{
    private static OrderFacts ReturnOf(decimal value, params string[] reasons) => EngineHarness.Order() with
    {
        Return = new ReturnFacts
        {
            ReturnId = Guid.NewGuid(),
            RmaNumber = "RMA-2026-000001",
            Value = value,
            ReasonCodes = reasons,
            Channel = "Mail",
            AutoApproveBelow = 100m,
            ReviewReason = reasons.Contains("not-as-described"),
        },
    };

    [Theory]
    [InlineData(40, "size-fit", true)]
    [InlineData(40, "changed-mind", true)]
    [InlineData(100, "size-fit", false)]
    [InlineData(40, "damaged", false)]
    [InlineData(40, "not-as-described", false)]
    public async Task Low_value_with_a_sellable_reason_is_approved_at_once_and_the_rest_waits_for_customer_service(decimal value, string reason, bool automatic)
    {
        var h = new EngineHarness();
        var order = ReturnOf(value, reason);

        await h.StartAsync(BuiltInFlows.ReturnHandling(), order);

        if (automatic)
        {
            Assert.Equal([(order.Return!.ReturnId, true, "system")], h.ReturnDecisions);
            Assert.Equal(InstanceStatus.Completed, h.State.Status);
        }
        else
        {
            Assert.Empty(h.ReturnDecisions);
            Assert.Equal(StepType.Approval, h.OpenTask.StepType);
            Assert.Equal([BuiltInRoles.CustomerService], h.OpenTask.Roles);
            Assert.Equal("cs-1", h.OpenTask.Assignee);
        }
    }

    [Fact]
    public async Task Rejecting_the_approval_task_rejects_the_return_and_tells_customer_service()
    {
        var h = new EngineHarness();
        var order = ReturnOf(500m, "size-fit");
        await h.StartAsync(BuiltInFlows.ReturnHandling(), order);

        var done = await h.Engine().CompleteAsync(h.OpenTask.Id, new TaskResult { Outcome = "rejected", Reason = "worn" }, new TaskCaller("cs-1", [BuiltInRoles.CustomerService]));

        Assert.Equal(TaskCommandOutcome.Done, done.Outcome);
        Assert.Equal([(order.Return!.ReturnId, false, "cs-1")], h.ReturnDecisions);
        Assert.Contains("tell-rejected:notified", h.Path);
    }

    [Fact]
    public async Task Return_fields_outside_a_return_flow_are_an_evaluation_error_that_asks_a_person()
    {
        var h = new EngineHarness();

        await h.StartAsync(BuiltInFlows.ReturnHandling(), EngineHarness.Order());

        Assert.Equal(StepType.ManualReview, h.OpenTask.StepType);
        Assert.Empty(h.ReturnDecisions);
    }
}
