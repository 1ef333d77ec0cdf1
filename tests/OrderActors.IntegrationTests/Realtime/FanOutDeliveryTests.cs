using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Events;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>
/// The relay's shared-message fan-out on the real api-host: enough connections that it coalesces batches into one
/// write per connection, concurrent appends, and a resume in the middle of live traffic.
/// </summary>
public sealed class FanOutDeliveryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private IEventFeedGrain Feed => factory.Services.GetRequiredService<IClusterClient>().GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);

    [Fact]
    public async Task Every_connection_of_many_receives_concurrent_batches_once_each_in_position_order_and_only_what_it_may_read()
    {
        var reader = FeedListener.Token(factory, "fan-reader", [Permissions.EventsRead, Permissions.OrdersRead]);
        var returnsOnly = FeedListener.Token(factory, "fan-returns", [Permissions.EventsRead, Permissions.ReturnsWrite]);
        var listeners = new List<FeedListener>();
        try
        {
            // 80 connections: above the size where the relay waits to send close batches together.
            for (var i = 0; i < 80; i++)
            {
                listeners.Add(await FeedListener.ConnectAsync(factory, i % 8 == 0 ? returnsOnly : reader));
            }
            var start = await Feed.GetHead();
            var batches = Enumerable.Range(0, 12).Select(b => new[]
            {
                TestEvents.Create(FeedEventTypes.OrderReceived, $$"""{"b":{{b}}}"""),
                TestEvents.Create(FeedEventTypes.ReturnRequested, $$"""{"b":{{b}}}""", Permissions.ReturnsWrite),
                TestEvents.Create(FeedEventTypes.OrderStatusChanged, $$"""{"b":{{b}}}"""),
            }).ToList();

            var appended = await Task.WhenAll(batches.Select(b => Feed.Append(b)));
            var marker = TestEvents.Create(FeedEventTypes.AccountSyncFailed, requiredPermission: Permissions.EventsRead);
            await Feed.Append([marker]);

            var byPosition = batches.Zip(appended).SelectMany(p => p.First.Zip(p.Second.Positions)).ToDictionary(p => p.Second, p => p.First);
            for (var i = 0; i < listeners.Count; i++)
            {
                var received = (await listeners[i].WaitForEventAsync(marker.EventId)).Where(r => r.Position > start && r.EventId != marker.EventId).ToList();
                var readable = i % 8 == 0 ? Permissions.ReturnsWrite : Permissions.OrdersRead;
                var expected = byPosition.Where(p => p.Value.RequiredPermission == readable).OrderBy(p => p.Key).ToList();
                Assert.Equal(expected.Select(p => p.Key), received.Select(r => r.Position));
                Assert.Equal(expected.Select(p => p.Value.EventId), received.Select(r => r.EventId));
                Assert.Equal(expected.Select(p => p.Value.Type), received.Select(r => r.Method));
            }
        }
        finally
        {
            await Task.WhenAll(listeners.Select(l => l.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task A_resume_during_live_traffic_loses_and_repeats_nothing_and_live_delivery_continues()
    {
        var token = FeedListener.Token(factory, "fan-resumer", [Permissions.EventsRead, Permissions.OrdersRead]);
        var start = await Feed.GetHead();
        var missed = Enumerable.Range(0, 5).Select(i => TestEvents.Create(FeedEventTypes.OrderReceived, $$"""{"missed":{{i}}}""")).ToList();
        await Feed.Append(missed);
        await using var listener = await FeedListener.ConnectAsync(factory, token);

        var traffic = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await Feed.Append([TestEvents.Create(FeedEventTypes.OrderReceived, $$"""{"live":{{i}}}""")]);
            }
        });
        await Task.Delay(20);
        var replayed = await listener.Connection.InvokeAsync<int>("Resume", start);
        await traffic;
        var marker = TestEvents.Create(FeedEventTypes.OrderReceived, """{"marker":true}""");
        var markerPosition = (await Feed.Append([marker])).Positions[0];

        var received = (await listener.WaitForEventAsync(marker.EventId)).Select(r => r.Position).ToList();
        Assert.Equal(received.Distinct().Count(), received.Count);
        Assert.Equal(Enumerable.Range((int)start + 1, (int)(markerPosition - start)).Select(p => (long)p), received.Order());
        Assert.True(replayed >= missed.Count, $"replayed {replayed}");
        // The connection went live after start + replayed: what it replayed is in order, and so is what came live.
        var floor = start + replayed;
        Assert.Equal(received.Where(p => p <= floor).Order(), received.Where(p => p <= floor));
        Assert.Equal(received.Where(p => p > floor).Order(), received.Where(p => p > floor));
    }
}
