using OrderActors.Events;
using OrderActors.Grains.Workflows.Engine;

namespace OrderActors.Grains.Workflows.Instances;

/// <summary>The instance plus its outbox: events stored with the change that produced them, published after the write.</summary>
[GenerateSerializer, Alias("OrderActors.Workflows.InstanceGrainState")]
public sealed class InstanceGrainState : IHasEventOutbox
{
    [Id(0)] public InstanceState Instance { get; set; } = new();
    [Id(1)] public List<object> Outbox { get; set; } = [];

    /// <summary>Task events for the durable feed, written with the change that raised them.</summary>
    [Id(2)] public List<FeedEvent> PendingEvents { get; set; } = [];
}
