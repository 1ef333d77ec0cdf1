using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Flows;

[GenerateSerializer, Alias("OrderActors.Workflows.FlowCatalogState")]
public sealed class FlowCatalogState
{
    [Id(0)] public Dictionary<string, FlowSummary> Flows { get; set; } = new(StringComparer.Ordinal);
}
