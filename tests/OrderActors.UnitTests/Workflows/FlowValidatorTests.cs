using OrderActors.Grains.Workflows;
using OrderActors.Grains.Workflows.Flows;
using OrderActors.Grains.Workflows.Roles;
using OrderActors.Workflows;

namespace OrderActors.UnitTests.Workflows;

public sealed class FlowValidatorTests
{
    private static readonly IReadOnlySet<string> Roles = BuiltInRoles.All.ToHashSet();

    [Fact]
    public void Built_in_flows_are_valid()
    {
        foreach (var flow in BuiltInFlows.All)
        {
            Assert.Empty(FlowValidator.Validate(flow, Roles));
        }
    }

    [Fact]
    public void Lists_every_problem_with_its_field()
    {
        var flow = new ProcessFlow
        {
            Id = "Bad Id",
            Name = "",
            AppliesTo = "weight > 2",
            Steps =
            [
                new() { Id = "a", Type = StepType.Approval, AssignedRole = "Astronaut", Next = "b" },
                new() { Id = "b", Type = StepType.Branch, Config = new() { Condition = "total >", WhenTrue = "nowhere" } },
                new() { Id = "orphan", Type = StepType.Notify },
                new() { Id = "c", Type = StepType.SetStatus },
            ],
        };

        var problems = FlowValidator.Validate(flow, Roles);
        var fields = problems.Select(p => p.Field).ToHashSet();

        Assert.Contains("id", fields);
        Assert.Contains("name", fields);
        Assert.Contains("appliesTo", fields);
        Assert.Contains("steps[0].assignedRole", fields);
        Assert.Contains("steps[1].config.condition", fields);
        Assert.Contains("steps[1].config.whenTrue", fields);
        Assert.Contains("steps[2].config.message", fields);
        Assert.Contains("steps[3].config.status", fields);
        Assert.Contains(problems, p => p.Message.Contains("Unknown role 'Astronaut'"));
    }

    [Fact]
    public void Finds_unreachable_steps_and_loops_without_a_wait()
    {
        var flow = new ProcessFlow
        {
            Id = "loops",
            Name = "Loops",
            Steps =
            [
                new() { Id = "start", Type = StepType.SetStatus, Config = new() { Status = OrderActors.Orders.WorkflowStatus.InProgress }, Next = "check" },
                new() { Id = "check", Type = StepType.Branch, Config = new() { Condition = "total > 5", WhenTrue = "start", WhenFalse = "rework" } },
                new() { Id = "rework", Type = StepType.ManualTask, AssignedRole = "Warehouse", Next = "check" },
                new() { Id = "island", Type = StepType.Notify, Config = new() { Message = "x", NotifyRoles = ["Manager"] } },
            ],
        };

        var problems = FlowValidator.Validate(flow, Roles);

        Assert.Contains(problems, p => p.Field == "steps[3].id" && p.Message.Contains("cannot be reached"));
        // start <-> check <-> rework is one loop, and it contains a person step, so only a pure automatic loop is refused:
        Assert.DoesNotContain(problems, p => p.Message.Contains("loop"));

        var spinning = flow with { Steps = [flow.Steps[0], flow.Steps[1] with { Config = flow.Steps[1].Config with { WhenFalse = null } }] };
        Assert.Contains(FlowValidator.Validate(spinning, Roles), p => p.Message.Contains("loop start -> check") || p.Message.Contains("loop check -> start"));
    }
}
