using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Realtime;
using OrderActors.ApiHost.Security;
using OrderActors.Events;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>
/// The relay sends the events it relays together as one write per connection: several SignalR invocations back to
/// back in one WebSocket message. Read at the wire (a raw WebSocket speaking the JSON hub protocol), each arrives
/// once, in position order, as its own invocation.
/// </summary>
public sealed class CoalescedFrameTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const char RecordSeparator = '\u001e';

    private IEventFeedGrain Feed => factory.Services.GetRequiredService<IClusterClient>().GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);

    [Fact]
    public async Task Several_events_relayed_together_arrive_in_one_frame_in_order_each_once()
    {
        var token = FeedListener.Token(factory, "frame-reader", [Permissions.EventsRead, Permissions.OrdersRead]);
        var uri = new Uri(factory.Server.BaseAddress, $"{OrdersHub.Route}?access_token={Uri.EscapeDataString(token)}");
        using var socket = await factory.Server.CreateWebSocketClient().ConnectAsync(new UriBuilder(uri) { Scheme = "ws" }.Uri, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.Equal(["{}"], await ReceiveMessageAsync(socket));

        var events = Enumerable.Range(0, 6).Select(i => TestEvents.Create(
            i % 2 == 0 ? FeedEventTypes.OrderReceived : FeedEventTypes.OrderStatusChanged, $$"""{"n":{{i}}}""")).ToArray();
        var positions = (await Feed.Append(events)).Positions;

        var invocations = new List<(string Target, long Position, Guid EventId)>();
        var largestFrame = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (invocations.Count(i => positions.Contains(i.Position)) < events.Length)
        {
            var records = await ReceiveMessageAsync(socket, timeout.Token);
            var ours = records.Select(Invocation).OfType<(string, long, Guid)>().Where(i => positions.Contains(i.Item2)).ToList();
            largestFrame = Math.Max(largestFrame, ours.Count);
            invocations.AddRange(ours);
        }

        Assert.True(largestFrame > 1, "the events appended together should share a WebSocket message");
        Assert.Equal(positions, invocations.Select(i => i.Position));
        Assert.Equal(events.Select(e => e.EventId), invocations.Select(i => i.EventId));
        Assert.Equal(events.Select(e => e.Type), invocations.Select(i => i.Target));
    }

    /// <summary>One whole WebSocket message, split into its hub protocol records.</summary>
    private static async Task<List<string>> ReceiveMessageAsync(WebSocket socket, CancellationToken ct = default)
    {
        var bytes = new MemoryStream();
        var buffer = new byte[4096];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, ct);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            bytes.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        var text = Encoding.UTF8.GetString(bytes.ToArray());
        Assert.EndsWith(RecordSeparator.ToString(), text);
        return [.. text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>A feed invocation's target, position and event id; null for anything else (pings, statistics).</summary>
    private static (string, long, Guid)? Invocation(string record)
    {
        using var json = JsonDocument.Parse(record);
        var root = json.RootElement;
        if (root.GetProperty("type").GetInt32() != 1 || root.GetProperty("target").GetString() is not { } target || target == FeedEventTypes.StatsChanged)
        {
            return null;
        }
        var message = root.GetProperty("arguments")[0];
        return (target, message.GetProperty("position").GetInt64(), message.GetProperty("eventId").GetGuid());
    }
}
