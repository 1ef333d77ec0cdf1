using OrderActors.Grains.Workflows.Conditions;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Flows;

/// <summary>One step of a dry run: what the flow would do there.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.DryRunStep")]
public sealed record DryRunStep(
    [property: Id(0)] string StepId,
    [property: Id(1)] StepType Type,
    [property: Id(2)] string Outcome,
    [property: Id(3)] string? Note);

/// <summary>
/// Walks a flow for a sample order without touching anything: conditions are evaluated, person steps are assumed
/// done (approvals approved unless listed in <c>rejectedApprovals</c>), waits are assumed over.
/// </summary>
public static class FlowSimulator
{
    public static (bool Applies, string? AppliesNote, IReadOnlyList<DryRunStep> Path) Run(ProcessFlow flow, OrderFacts order, DateTimeOffset now, IReadOnlySet<string> rejectedApprovals)
    {
        var applies = true;
        string? note = null;
        if (flow.AppliesTo is not null)
        {
            try
            {
                applies = Condition.Evaluate(flow.AppliesTo, order, now);
                note = $"appliesTo ({flow.AppliesTo}) is {applies.ToString().ToLowerInvariant()}";
            }
            catch (ConditionEvaluationException ex)
            {
                note = $"appliesTo cannot be evaluated ({ex.Message}): a manual review would decide";
            }
        }
        var path = new List<DryRunStep>();
        var visits = new Dictionary<string, int>(StringComparer.Ordinal);
        var stepId = flow.Start?.Id;
        while (stepId is not null && flow.Step(stepId) is { } step)
        {
            if ((visits[stepId] = visits.GetValueOrDefault(stepId) + 1) > 3)
            {
                path.Add(new DryRunStep(step.Id, step.Type, "stopped", "visited three times: a loop that depends on people"));
                break;
            }
            if (step.Condition is not null)
            {
                bool holds;
                try
                {
                    holds = Condition.Evaluate(step.Condition, order, now);
                }
                catch (ConditionEvaluationException ex)
                {
                    path.Add(new DryRunStep(step.Id, StepType.ManualReview, "manual-review", ex.Message));
                    break;
                }
                if (!holds)
                {
                    path.Add(new DryRunStep(step.Id, step.Type, "skipped", $"condition ({step.Condition}) is false"));
                    stepId = step.Next;
                    continue;
                }
            }
            switch (step.Type)
            {
                case StepType.Branch:
                    bool branch;
                    try
                    {
                        branch = Condition.Evaluate(step.Config.Condition!, order, now);
                    }
                    catch (ConditionEvaluationException ex)
                    {
                        path.Add(new DryRunStep(step.Id, StepType.ManualReview, "manual-review", ex.Message));
                        return (applies, note, path);
                    }
                    path.Add(new DryRunStep(step.Id, step.Type, branch ? "true" : "false", step.Config.Condition));
                    stepId = branch ? step.Config.WhenTrue : step.Config.WhenFalse;
                    continue;
                case StepType.Approval when rejectedApprovals.Contains(step.Id):
                    path.Add(new DryRunStep(step.Id, step.Type, "rejected", Who(step)));
                    stepId = step.OnRejected;
                    continue;
                default:
                    path.Add(new DryRunStep(step.Id, step.Type, Outcome(step), step.NeedsPerson ? Who(step) : step.Config.Message));
                    stepId = step.Next;
                    continue;
            }
        }
        return (applies, note, path);
    }

    private static string Outcome(WorkflowStep step) => step.Type switch
    {
        StepType.Approval => "approved",
        StepType.SetStatus => step.Config.Status?.ToString() ?? "",
        StepType.Wait => "waited",
        StepType.Notify => "notified",
        StepType.Ship => "shipped",
        StepType.Invoice => step.Config.InvoiceKind ?? "invoice",
        _ => "done",
    };

    private static string Who(WorkflowStep step) =>
        step.AssignedUser is not null ? $"task for user {step.AssignedUser}" : $"task for role {step.AssignedRole}";
}
