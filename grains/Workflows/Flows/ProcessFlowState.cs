using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Flows;

[GenerateSerializer, Alias("OrderActors.Workflows.ProcessFlowState")]
public sealed class ProcessFlowState
{
    [Id(0)] public List<ProcessFlow> Versions { get; set; } = [];
    [Id(1)] public bool Active { get; set; }

    /// <summary>Save operation id -> the version it made, so a retried save returns the same version.</summary>
    [Id(2)] public Dictionary<string, int> Operations { get; set; } = [];
}
