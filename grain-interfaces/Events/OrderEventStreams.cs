using Orleans.Runtime;

namespace OrderActors.Events;

/// <summary>Where order events are published: stream namespace <c>orders</c>, partitioned by order id.</summary>
public static class OrderEventStreams
{
    public const string Namespace = "orders";
    public const int PartitionCount = 8;

    private static readonly PartitionedStreams Streams = new(Namespace, PartitionCount);

    public static StreamId For(Guid orderId) => Streams.For(orderId);

    public static IReadOnlyList<StreamId> All => Streams.All;
}
