using OrderActors.Grains.Workflows.Flows;

namespace OrderActors.ApiHost.Components.Workflows;

/// <summary>The result of a dry run: whether the flow applies, why, and the steps it would take.</summary>
public sealed record DryRun(bool Applies, string? Note, IReadOnlyList<DryRunStep> Path);
