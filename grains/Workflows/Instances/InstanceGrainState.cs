using OrderActors.Grains.Workflows.Engine;

namespace OrderActors.Grains.Workflows.Instances;

/// <summary>The instance plus its outbox: events stored with the change that produced them, published after the write.</summary>
[GenerateSerializer, Alias("OrderActors.Workflows.InstanceGrainState")]
public sealed class InstanceGrainState
{
    [Id(0)] public InstanceState Instance { get; set; } = new();
    [Id(1)] public List<object> Outbox { get; set; } = [];
}
