using Orleans.Runtime;

namespace OrderActors.Events;

/// <summary>
/// A stream namespace spread over a fixed number of partition streams by order id, so one consumer per host can
/// subscribe to all of them (<see cref="All"/>) while the events of one order always travel, in order, on the same
/// stream. A stream per order would cost a pub-sub rendezvous grain with stored state for every order.
/// </summary>
public sealed class PartitionedStreams
{
    private readonly int _partitionCount;

    public PartitionedStreams(string @namespace, int partitionCount)
    {
        Namespace = @namespace;
        _partitionCount = partitionCount;
        All = Enumerable.Range(0, partitionCount).Select(p => StreamId.Create(@namespace, $"p{p}")).ToArray();
    }

    public string Namespace { get; }

    public IReadOnlyList<StreamId> All { get; }

    public StreamId For(Guid orderId)
    {
        Span<byte> bytes = stackalloc byte[16];
        orderId.TryWriteBytes(bytes);
        return All[bytes[0] % _partitionCount];
    }
}
