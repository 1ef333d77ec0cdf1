using Orleans.Streams;
using OrderActors.Events;

namespace OrderActors.Grains.Workflows.Instances;

/// <summary>
/// Publishes workflow events on the <c>events</c> stream provider, namespace <c>workflows</c>, partitioned by order id
/// like the order events (<see cref="PartitionedStreams"/>): one order's workflow events stay in order on one stream.
/// </summary>
public sealed class StreamWorkflowEventPublisher(IClusterClient client) : IWorkflowEventPublisher
{
    public const string StreamProvider = "events";
    public const string StreamNamespace = "workflows";
    public const int PartitionCount = 8;

    public static PartitionedStreams Streams { get; } = new(StreamNamespace, PartitionCount);

    public async Task PublishAsync(Guid orderId, IReadOnlyList<object> events)
    {
        var stream = client.GetStreamProvider(StreamProvider).GetStream<object>(Streams.For(orderId));
        foreach (var item in events)
        {
            await stream.OnNextAsync(item);
        }
    }
}
