using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Events;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>The real api-host (embedded silo, SQLite) with real SignalR clients over the test server.</summary>
public sealed class RealtimeHubTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Everything = [.. Permissions.All];

    private IEventFeedGrain Feed => factory.Services.GetRequiredService<IClusterClient>().GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);

    [Fact]
    public async Task The_client_receives_each_event_type_as_its_own_method_with_position_and_type()
    {
        await using var listener = await FeedListener.ConnectAsync(factory, FeedListener.Token(factory, "all-1", Everything));
        var events = new[]
        {
            TestEvents.Create(FeedEventTypes.OrderReceived, """{"platformOrderId":"SO-1","grandTotal":12.5}"""),
            TestEvents.Create(FeedEventTypes.OrderStatusChanged, """{"from":"Pending","to":"Shipped"}"""),
            TestEvents.Create(FeedEventTypes.WorkflowTaskAssigned, """{"task":"Pack"}""", Permissions.TasksWork),
            TestEvents.Create(FeedEventTypes.WorkflowTaskCompleted, """{"task":"Pack"}""", Permissions.TasksWork),
            TestEvents.Create(FeedEventTypes.ReturnRequested, """{"reason":"Damaged"}""", Permissions.ReturnsApprove),
            TestEvents.Create(FeedEventTypes.AccountSyncFailed, """{"account":"shop-1","error":"401"}""", Permissions.PlatformsManage),
        };

        var appended = await Feed.Append(events);

        var received = await listener.WaitForEventsAsync(r => events.All(e => r.Any(x => x.EventId == e.EventId)));
        foreach (var (sent, position) in events.Zip(appended.Positions))
        {
            var message = Assert.Single(received, r => r.EventId == sent.EventId);
            Assert.Equal(sent.Type, message.Method);
            Assert.Equal(sent.Type, message.Type);
            Assert.Equal(position, message.Position);
            Assert.Equal(JsonDocument.Parse(sent.Payload).RootElement.GetRawText(), message.Message.GetProperty("payload").GetRawText());
        }
    }

    [Fact]
    public async Task A_client_never_receives_an_event_it_may_not_read()
    {
        var orderReader = FeedListener.Token(factory, "orders-1", [Permissions.EventsRead, Permissions.OrdersRead]);
        var worker = FeedListener.Token(factory, "worker-1", [Permissions.EventsRead, Permissions.TasksWork]);
        await using var orders = await FeedListener.ConnectAsync(factory, orderReader);
        await using var tasks = await FeedListener.ConnectAsync(factory, worker);
        var orderEvent = TestEvents.Create(FeedEventTypes.OrderReceived);
        var taskEvent = TestEvents.Create(FeedEventTypes.WorkflowTaskAssigned, requiredPermission: Permissions.TasksWork) with { AssigneeUserId = "worker-1" };
        var returnEvent = TestEvents.Create(FeedEventTypes.ReturnRequested, requiredPermission: Permissions.ReturnsApprove);
        var lastForBoth = TestEvents.Create(FeedEventTypes.AccountSyncFailed, requiredPermission: Permissions.EventsRead);

        var appended = await Feed.Append([orderEvent, taskEvent, returnEvent, lastForBoth]);

        // Delivery is in position order, so once the last event arrived everything before it was decided.
        var seenByOrders = await orders.WaitForEventAsync(lastForBoth.EventId);
        var seenByTasks = await tasks.WaitForEventAsync(lastForBoth.EventId);
        Assert.Equal([orderEvent.EventId, lastForBoth.EventId], seenByOrders.Where(r => r.Position >= appended.Positions[0]).Select(r => r.EventId));
        Assert.Equal([taskEvent.EventId, lastForBoth.EventId], seenByTasks.Where(r => r.Position >= appended.Positions[0]).Select(r => r.EventId));

        using var poller = factory.CreateClient();
        poller.DefaultRequestHeaders.Authorization = new("Bearer", orderReader);
        var page = await poller.GetFromJsonAsync<JsonElement>($"/api/events?after={appended.Positions[0] - 1}&limit=500");
        Assert.Equal([orderEvent.EventId, lastForBoth.EventId], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("eventId").GetGuid()));
    }

    [Fact]
    public async Task Without_events_read_the_hub_and_the_polling_endpoint_refuse_the_caller()
    {
        var token = FeedListener.Token(factory, "no-events", [Permissions.OrdersRead]);

        await Assert.ThrowsAnyAsync<Exception>(() => FeedListener.ConnectAsync(factory, token));

        using var poller = factory.CreateClient();
        poller.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await poller.GetAsync("/api/events")).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/events")).StatusCode);
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    public async Task Bad_polling_parameters_are_a_400_naming_the_field(string query, string field)
    {
        using var poller = factory.CreateClient();
        poller.DefaultRequestHeaders.Authorization = new("Bearer", FeedListener.Token(factory, "poller", Everything));

        var response = await poller.GetAsync($"/api/events?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Hub_methods_narrow_the_feed_to_a_platform_an_order_own_tasks_or_a_role()
    {
        // Not a workflow manager: may follow only its own role's queue.
        var token = FeedListener.Token(factory, "narrow-user", Everything.Where(p => p != Permissions.WorkflowsManage), "packer");
        await using var platform = await FeedListener.ConnectAsync(factory, token);
        await using var order = await FeedListener.ConnectAsync(factory, token);
        await using var own = await FeedListener.ConnectAsync(factory, token);
        await using var role = await FeedListener.ConnectAsync(factory, token);
        var orderId = Guid.NewGuid();
        await platform.Connection.InvokeAsync("SubscribePlatform", "Shopify");
        await order.Connection.InvokeAsync("SubscribeOrder", orderId);
        await own.Connection.InvokeAsync("SubscribeOwnTasks");
        await role.Connection.InvokeAsync("SubscribeRoleTasks", "packer");
        await Assert.ThrowsAnyAsync<Exception>(() => own.Connection.InvokeAsync("SubscribeRoleTasks", "billing-clerks-only"));

        var lazada = TestEvents.Create(FeedEventTypes.OrderReceived) with { Platform = "Lazada", OrderId = Guid.NewGuid() };
        var shopify = TestEvents.Create(FeedEventTypes.OrderReceived) with { Platform = "Shopify", OrderId = orderId };
        var mine = TestEvents.Create(FeedEventTypes.WorkflowTaskAssigned, requiredPermission: Permissions.TasksWork) with { AssigneeUserId = "narrow-user", Role = "picker" };
        var theirs = TestEvents.Create(FeedEventTypes.WorkflowTaskAssigned, requiredPermission: Permissions.TasksWork) with { AssigneeUserId = "someone-else", Role = "packer" };
        var marker = TestEvents.Create(FeedEventTypes.OrderStatusChanged) with { Platform = "Shopify", OrderId = orderId, AssigneeUserId = "narrow-user", Role = "packer" };
        await Feed.Append([lazada, shopify, mine, theirs, marker]);

        Assert.Equal([shopify.EventId, marker.EventId], (await platform.WaitForEventAsync(marker.EventId)).Select(r => r.EventId));
        Assert.Equal([shopify.EventId, marker.EventId], (await order.WaitForEventAsync(marker.EventId)).Select(r => r.EventId));
        Assert.Equal([mine.EventId, marker.EventId], (await own.WaitForEventAsync(marker.EventId)).Select(r => r.EventId));
        Assert.Equal([theirs.EventId, marker.EventId], (await role.WaitForEventAsync(marker.EventId)).Select(r => r.EventId));

        await platform.Connection.InvokeAsync("UnsubscribePlatform", "Shopify");
        var afterwards = TestEvents.Create(FeedEventTypes.OrderReceived) with { Platform = "Lazada" };
        await Feed.Append([afterwards]);
        await platform.WaitForEventAsync(afterwards.EventId);
    }

    [Fact]
    public async Task Reconnecting_with_resume_receives_the_missed_events_once_in_order_and_polling_returns_the_same_sequence()
    {
        var token = FeedListener.Token(factory, "resumer", [Permissions.EventsRead, Permissions.OrdersRead]);
        var start = await Feed.GetHead();
        var first = await FeedListener.ConnectAsync(factory, token);
        var before = Enumerable.Range(0, 3).Select(i => TestEvents.Create(FeedEventTypes.OrderReceived, $$"""{"n":{{i}}}""")).ToList();
        await Feed.Append(before);
        await first.WaitForEventAsync(before[^1].EventId);
        var lastSeen = first.Events[^1].Position;
        var firstSession = first.Events.ToList();
        await first.DisposeAsync();

        // Missed while away: several batches, one of them unreadable for this client.
        var missed = new List<FeedEvent>();
        for (var i = 0; i < 5; i++)
        {
            var batch = new[]
            {
                TestEvents.Create(FeedEventTypes.OrderStatusChanged, $$"""{"n":{{i}}}"""),
                TestEvents.Create(FeedEventTypes.WorkflowTaskAssigned, requiredPermission: Permissions.TasksWork),
            };
            await Feed.Append(batch);
            missed.Add(batch[0]);
        }

        await using var second = await FeedListener.ConnectAsync(factory, token);
        var replayed = await second.Connection.InvokeAsync<int>("Resume", lastSeen);
        var live = TestEvents.Create(FeedEventTypes.OrderReceived, """{"live":true}""");
        await Feed.Append([live]);
        var secondSession = await second.WaitForEventAsync(live.EventId);

        Assert.Equal(missed.Count, replayed);
        Assert.Equal([.. missed.Select(e => e.EventId), live.EventId], secondSession.Select(r => r.EventId));
        var positions = secondSession.Select(r => r.Position).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(positions.Distinct().Count(), positions.Count);

        // The polling fallback serves exactly the sequence the two sessions received together.
        using var poller = factory.CreateClient();
        poller.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var polled = new List<(long Position, Guid EventId, string Type)>();
        var after = start;
        while (true)
        {
            var page = await poller.GetFromJsonAsync<JsonElement>($"/api/events?after={after}&limit=2");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            polled.AddRange(items.Select(i => (i.GetProperty("position").GetInt64(), i.GetProperty("eventId").GetGuid(), i.GetProperty("type").GetString()!)));
            var last = page.GetProperty("last").GetInt64();
            if (items.Count == 0)
            {
                Assert.Equal(after, last);
                break;
            }
            after = last;
        }
        Assert.Equal(
            firstSession.Concat(secondSession).Select(r => (r.Position, r.EventId, r.Type)),
            polled.Where(p => p.Position > start));
    }

    [Fact]
    public async Task Connecting_with_an_after_position_replays_before_live_events()
    {
        var token = FeedListener.Token(factory, "connect-after", [Permissions.EventsRead, Permissions.OrdersRead]);
        var start = await Feed.GetHead();
        var missed = Enumerable.Range(0, 4).Select(_ => TestEvents.Create(FeedEventTypes.OrderReceived)).ToList();
        await Feed.Append(missed);

        await using var listener = await FeedListener.ConnectAsync(factory, token, after: start);
        var live = TestEvents.Create(FeedEventTypes.OrderReceived);
        await Feed.Append([live]);

        var received = await listener.WaitForEventAsync(live.EventId);
        Assert.Equal([.. missed.Select(e => e.EventId), live.EventId], received.Select(r => r.EventId));
    }
}
