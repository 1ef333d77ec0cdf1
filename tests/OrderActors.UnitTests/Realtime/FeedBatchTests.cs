using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using OrderActors.ApiHost.Realtime;
using OrderActors.Events;

namespace OrderActors.UnitTests.Realtime;

public sealed class FeedBatchTests
{
    private static FeedEvent Event(long position, string type) => new()
    {
        EventId = Guid.NewGuid(),
        Type = type,
        OccurredAt = DateTimeOffset.UnixEpoch,
        RequiredPermission = "orders.read",
        Payload = $$"""{"n":{{position}}}""",
        Position = position,
    };

    [Fact]
    public void A_whole_batch_is_one_write_a_client_reads_as_each_event_in_order_with_its_own_method()
    {
        var protocol = new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions()));
        var batch = new FeedBatch([Event(7, FeedEventTypes.OrderReceived), Event(8, FeedEventTypes.OrderStatusChanged), Event(9, FeedEventTypes.ReturnRequested)]);

        var whole = batch.Whole(protocol);

        Assert.Same(whole, batch.Whole(protocol));
        var bytes = new ReadOnlySequence<byte>(whole.GetSerializedMessage(protocol));
        var received = new List<(string Method, long Position, int N)>();
        while (protocol.TryParseMessage(ref bytes, new JsonElementBinder(), out var message))
        {
            var invocation = Assert.IsType<InvocationMessage>(message);
            var argument = Assert.IsType<JsonElement>(Assert.Single(invocation.Arguments));
            received.Add((invocation.Target, argument.GetProperty("position").GetInt64(), argument.GetProperty("payload").GetProperty("n").GetInt32()));
        }
        Assert.True(bytes.IsEmpty);
        Assert.Equal(
            [(FeedEventTypes.OrderReceived, 7L, 7), (FeedEventTypes.OrderStatusChanged, 8L, 8), (FeedEventTypes.ReturnRequested, 9L, 9)],
            received);
    }

    [Fact]
    public void Each_event_is_serialized_once_for_all_connections()
    {
        var protocol = new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions()));
        var batch = new FeedBatch([Event(1, FeedEventTypes.OrderReceived)]);

        var first = batch.Messages[0].GetSerializedMessage(protocol);
        var second = batch.Messages[0].GetSerializedMessage(protocol);

        Assert.True(first.Equals(second));
        Assert.Same(batch.Messages[0], batch.Whole(protocol));
    }

    private sealed class JsonElementBinder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [typeof(JsonElement)];

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
