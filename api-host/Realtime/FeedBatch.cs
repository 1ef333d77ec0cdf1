using System.Buffers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using OrderActors.Events;

namespace OrderActors.ApiHost.Realtime;

/// <summary>Committed events (ascending) with their wire messages, built once per host for every connection.</summary>
public sealed class FeedBatch
{
    private readonly Lock _wholeLock = new();
    private (string Protocol, SerializedHubMessage Message)[] _whole = [];

    public FeedBatch(IReadOnlyList<FeedEvent> events)
    {
        Events = events;
        Messages = new SerializedHubMessage[events.Count];
        var permissions = new List<string>(1);
        for (var i = 0; i < events.Count; i++)
        {
            Messages[i] = FeedWireMessage.For(events[i]);
            if (!permissions.Contains(events[i].RequiredPermission))
            {
                permissions.Add(events[i].RequiredPermission);
            }
            HasTaskEvents |= FeedEventTypes.IsTaskEvent(events[i].Type);
        }
        Permissions = [.. permissions];
    }

    public IReadOnlyList<FeedEvent> Events { get; }

    public SerializedHubMessage[] Messages { get; }

    /// <summary>The distinct permissions the events require (usually one or two for a whole batch).</summary>
    public string[] Permissions { get; }

    /// <summary>Does any event need the per-event task check (assignee, roles) beyond its permission?</summary>
    public bool HasTaskEvents { get; }

    /// <summary>
    /// Every event of the batch as one write in <paramref name="protocol"/>: the protocol's messages back to back
    /// (each ends itself: a record separator in JSON, a length prefix in MessagePack), which a client reads as the
    /// separate invocations they are. Built once per protocol for all connections. Only valid without SignalR's
    /// stateful reconnect, which counts each write as one message (this host does not enable it).
    /// </summary>
    public SerializedHubMessage Whole(IHubProtocol protocol)
    {
        if (Messages.Length == 1)
        {
            return Messages[0];
        }
        var built = Volatile.Read(ref _whole);
        foreach (var (name, message) in built)
        {
            if (name == protocol.Name)
            {
                return message;
            }
        }
        lock (_wholeLock)
        {
            foreach (var (name, message) in _whole)
            {
                if (name == protocol.Name)
                {
                    return message;
                }
            }
            var bytes = new ArrayBufferWriter<byte>();
            foreach (var message in Messages)
            {
                bytes.Write(message.GetSerializedMessage(protocol).Span);
            }
            var whole = new SerializedHubMessage([new SerializedMessage(protocol.Name, bytes.WrittenMemory)]);
            Volatile.Write(ref _whole, [.. _whole, (protocol.Name, whole)]);
            return whole;
        }
    }
}
