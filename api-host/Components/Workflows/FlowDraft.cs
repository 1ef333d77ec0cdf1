using OrderActors.Workflows;

namespace OrderActors.ApiHost.Components.Workflows;

/// <summary>A flow as the builder edits it; <see cref="ToDefinition"/> is what is validated, dry-run and saved.</summary>
public sealed class FlowDraft
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public bool Active { get; set; } = true;
    public FlowTrigger Trigger { get; set; } = FlowTrigger.OrderReceived;
    public string? AppliesTo { get; set; }
    public int Priority { get; set; }
    public List<StepDraft> Steps { get; set; } = [];

    /// <summary>The saved version the draft started from (0 for a new flow).</summary>
    public int BasedOnVersion { get; init; }

    public bool IsNew => BasedOnVersion == 0;

    public static FlowDraft New() => new()
    {
        Steps = [new StepDraft { Id = "start", Name = "First step", Type = StepType.ManualTask, AssignedRole = "CustomerService", Message = "Check the order." }],
    };

    public static FlowDraft From(ProcessFlow flow) => new()
    {
        Id = flow.Id,
        Name = flow.Name,
        Description = flow.Description,
        Active = flow.Active,
        Trigger = flow.Trigger,
        AppliesTo = flow.AppliesTo,
        Priority = flow.Priority,
        Steps = flow.Steps.Select(StepDraft.From).ToList(),
        BasedOnVersion = flow.Version,
    };

    public ProcessFlow ToDefinition() => new()
    {
        Id = Id.Trim(),
        Name = Name.Trim(),
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        Active = Active,
        Trigger = Trigger,
        AppliesTo = string.IsNullOrWhiteSpace(AppliesTo) ? null : AppliesTo.Trim(),
        Priority = Priority,
        Steps = Steps.Select(s => s.ToStep()).ToList(),
    };

    /// <summary>A step id not used yet, for a new step.</summary>
    public string FreeStepId(string stem)
    {
        var n = Steps.Count + 1;
        while (Steps.Any(s => s.Id == $"{stem}-{n}"))
        {
            n++;
        }
        return $"{stem}-{n}";
    }
}
