using Orleans.Runtime;

namespace OrderActors.Events;

/// <summary>
/// Where order events are published: stream namespace <c>orders</c>, spread over a fixed number of partition
/// streams by order id, so one consumer per host can subscribe to all of them (<see cref="All"/>) while the
/// events of one order always travel, in order, on the same stream.
/// </summary>
public static class OrderEventStreams
{
    public const string Namespace = "orders";
    public const int PartitionCount = 8;

    public static StreamId For(Guid orderId) => StreamId.Create(Namespace, PartitionKey(orderId));

    public static IReadOnlyList<StreamId> All { get; } =
        Enumerable.Range(0, PartitionCount).Select(p => StreamId.Create(Namespace, $"p{p}")).ToArray();

    private static string PartitionKey(Guid orderId)
    {
        Span<byte> bytes = stackalloc byte[16];
        orderId.TryWriteBytes(bytes);
        return $"p{bytes[0] % PartitionCount}";
    }
}
