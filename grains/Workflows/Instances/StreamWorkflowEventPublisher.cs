using Orleans.Runtime;
using Orleans.Streams;

namespace OrderActors.Grains.Workflows.Instances;

/// <summary>Publishes workflow events on the <c>events</c> stream provider, namespace <c>workflows</c>, one stream per order.</summary>
public sealed class StreamWorkflowEventPublisher(IClusterClient client) : IWorkflowEventPublisher
{
    public const string StreamProvider = "events";
    public const string StreamNamespace = "workflows";

    public async Task PublishAsync(Guid orderId, IReadOnlyList<object> events)
    {
        var stream = client.GetStreamProvider(StreamProvider).GetStream<object>(StreamId.Create(StreamNamespace, orderId));
        foreach (var item in events)
        {
            await stream.OnNextAsync(item);
        }
    }
}
