using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using OrderActors.ApiHost.Security;
using OrderActors.Events;
using OrderActors.Grains.Events;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Orders;

public sealed class OrderLifecycleApiTests(OrdersApiFactory factory) : IClassFixture<OrdersApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(Permissions.OrdersRead, Permissions.OrdersWrite, Permissions.OrdersBulk);

    [Fact]
    public async Task Accept_with_a_reason_is_in_the_history_and_a_retry_with_the_same_key_is_applied_once()
    {
        var id = await _client.CreateAsync(OrderRequests.Body("Manual", "LC-ACCEPT"));

        var first = await _client.CommandAsync(id, "accept", """{"reason":"stock checked"}""", idempotencyKey: "k-accept-1");
        var retry = await _client.CommandAsync(id, "accept", """{"reason":"stock checked"}""", idempotencyKey: "k-accept-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Applied", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("AlreadyApplied", (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var detail = await _client.DetailAsync(id);
        Assert.Equal("Accepted", detail.GetProperty("workflowStatus").GetString());
        var entries = detail.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("kind").GetString() == "workflowStatus").ToList();
        var entry = Assert.Single(entries);
        Assert.Equal("New", entry.GetProperty("from").GetString());
        Assert.Equal("Accepted", entry.GetProperty("to").GetString());
        Assert.Equal("stock checked", entry.GetProperty("reason").GetString());
        Assert.Equal("User", entry.GetProperty("actor").GetProperty("kind").GetString());
        Assert.True(entry.TryGetProperty("at", out _));
    }

    [Fact]
    public async Task Reject_needs_a_reason()
    {
        var id = await _client.CreateAsync(OrderRequests.Body("Manual", "LC-REJECT"));

        var response = await _client.CommandAsync(id, "reject", """{"reason":" "}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("New", (await _client.DetailAsync(id)).GetProperty("workflowStatus").GetString());
    }

    [Fact]
    public async Task Undo_inside_the_window_reverts_and_after_the_window_is_refused()
    {
        var inside = await _client.CreateAsync(OrderRequests.Body("Manual", "LC-UNDO-IN"));
        var outside = await _client.CreateAsync(OrderRequests.Body("Manual", "LC-UNDO-OUT"));
        Assert.Equal(HttpStatusCode.OK, (await _client.CommandAsync(inside, "reject", """{"reason":"fraud check"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.CommandAsync(outside, "status", """{"status":"ReadyToShip"}""")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(9));
        var undone = await _client.CommandAsync(inside, "undo");
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await _client.CommandAsync(outside, "undo");

        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        var detail = await _client.DetailAsync(inside);
        Assert.Equal("New", detail.GetProperty("workflowStatus").GetString());
        var last = detail.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("Rejected", "New"), (last.GetProperty("from").GetString(), last.GetProperty("to").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var problem = await late.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(OrderRuleViolation.UndoWindowExpired, problem.GetProperty("code").GetString());
        Assert.Equal("ReadyToShip", problem.GetProperty("current").GetString());
        Assert.Equal("ReadyToShip", (await _client.DetailAsync(outside)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await _client.CommandAsync(inside, "undo")).StatusCode);
    }

    [Fact]
    public async Task Snapshots_older_are_ignored_newer_applied_and_a_repeated_operation_applied_once()
    {
        var grains = factory.Services.GetRequiredService<IClusterClient>();
        var at = DateTimeOffset.UtcNow;
        OrderSnapshot Snapshot(string op, DateTimeOffset updated, OrderStatus status, int quantity) => new()
        {
            OperationId = op,
            Platform = SourcePlatform.Shopee,
            AccountId = "shop-lc",
            PlatformOrderId = "SNAP-1",
            Customer = new Customer("Ana Santos", "ana@example.com", "+6591234567"),
            Items = [new OrderItem("CAP-1", "Cap", null, quantity, 10m, 0)],
            Totals = new OrderTotals(10m * quantity, 0, 0, 0, 10m * quantity),
            Currency = "SGD",
            OrderDate = at,
            PlatformUpdatedAt = updated,
            Status = status,
            Actor = Actor.PlatformSync(SourcePlatform.Shopee, "shop-lc"),
        };
        var grain = grains.GetGrain<IOrderGrain>(OrderId.For(SourcePlatform.Shopee, "shop-lc", "SNAP-1"));

        var created = await grain.Upsert(Snapshot("webhook-1", at.AddMinutes(1), OrderStatus.Unpaid, 1));
        var newer = await grain.Upsert(Snapshot("poll-2", at.AddMinutes(3), OrderStatus.ReadyToShip, 2));
        var older = await grain.Upsert(Snapshot("webhook-late", at.AddMinutes(2), OrderStatus.Cancelled, 9));
        var repeated = await grain.Upsert(Snapshot("poll-2", at.AddMinutes(3), OrderStatus.ReadyToShip, 2));

        Assert.Equal(UpsertOutcome.Created, created.Outcome);
        Assert.Equal(UpsertOutcome.Updated, newer.Outcome);
        Assert.Equal(UpsertOutcome.IgnoredStale, older.Outcome);
        Assert.Equal(UpsertOutcome.IgnoredRepeat, repeated.Outcome);
        var order = (await grain.GetDetails())!;
        Assert.Equal(2, order.Version);
        Assert.Equal(OrderStatus.ReadyToShip, order.Status);
        Assert.Equal(2, order.Items[0].Quantity);
        Assert.Contains(order.Changes, c => c.OperationId == "poll-2" && c.Fields.Contains("items") && c.Fields.Contains("status"));
        Assert.Equal(2, order.History.Count(h => h.Kind == OrderHistoryEntry.StatusKind));
    }

    [Fact]
    public async Task Changes_are_published_as_events_with_increasing_versions()
    {
        var id = OrderId.For(SourcePlatform.Manual, "manual", "LC-EVENTS");
        var received = new ConcurrentQueue<OrderEvent>();
        var streams = factory.Services.GetRequiredService<IClusterClient>().GetStreamProvider(StreamOutbox<OrderEvent>.ProviderName);
        var subscription = await streams.GetStream<OrderEvent>(OrderEventStreams.For(id)).SubscribeAsync((e, _) =>
        {
            if (e.OrderId == id)
            {
                received.Enqueue(e);
            }
            return Task.CompletedTask;
        });
        try
        {
            await _client.CreateAsync(OrderRequests.Body("Manual", "LC-EVENTS"));
            await _client.CommandAsync(id, "accept", """{"reason":"ok"}""");
            await _client.CommandAsync(id, "status", """{"status":"ReadyToShip"}""");

            await OrderRequests.EventuallyAsync(() => Task.FromResult(received.Count >= 3), "three order events");
            var events = received.ToList();
            Assert.Equal(["OrderReceived", "OrderWorkflowStatusChanged", "OrderStatusChanged"], events.Select(e => e.Type));
            Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
            var accepted = Assert.IsType<OrderWorkflowStatusChanged>(events[1]);
            Assert.Equal((WorkflowStatus.New, WorkflowStatus.Accepted), (accepted.From, accepted.To));
            Assert.All(events, e => Assert.Equal(("LC-EVENTS", "Siti Rahman", "MYR", 84.80m), (e.PlatformOrderId, e.CustomerName, e.Currency, e.GrandTotal)));
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task Notes_are_replaced_and_oversized_notes_are_a_400_that_changes_nothing()
    {
        var id = await _client.CreateAsync(OrderRequests.Body("Manual", "LC-NOTES"));

        var ok = await _client.CommandAsync(id, "notes", """{"notes":"gift wrap","tags":["vip","gift"]}""");
        var tooLong = await _client.CommandAsync(id, "notes", JsonSerializer.Serialize(new { notes = new string('x', 4001) }));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("notes", out _));
        var detail = await _client.DetailAsync(id);
        Assert.Equal("gift wrap", detail.GetProperty("notes").GetString());
        Assert.Equal(["vip", "gift"], detail.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("status", """{"status":"Teleported"}""", "status")]
    [InlineData("status", """{"status":"Shipped","workflowStatus":"Packed"}""", "status")]
    [InlineData("status", """{"workflowStatus":"3"}""", "workflowStatus")]
    [InlineData("accept", """{"reason":5}""", "$.reason")]
    public async Task Bad_command_input_is_a_400_naming_the_field(string command, string body, string field)
    {
        var id = await _client.CreateAsync(OrderRequests.Body("Manual", $"LC-BAD-{command}-{field}-{body.Length}"));

        var response = await _client.CommandAsync(id, command, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(1, (await _client.DetailAsync(id)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_command_on_an_unknown_order_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.CommandAsync(Guid.NewGuid(), "accept")).StatusCode);
    }

    [Fact]
    public async Task Bulk_accept_answers_per_order()
    {
        var fresh = await _client.CreateAsync(OrderRequests.Body("Manual", "LC-BULK-1"));
        var rejected = await _client.CreateAsync(OrderRequests.Body("Manual", "LC-BULK-2"));
        await _client.CommandAsync(rejected, "reject", """{"reason":"duplicate"}""");
        var missing = Guid.NewGuid();

        var response = await _client.PostAsync("/api/orders/bulk", OrderRequests.Json(
            JsonSerializer.Serialize(new { action = "accept", orderIds = new[] { fresh, rejected, missing }, reason = "batch" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var results = body.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid(), r => r.GetProperty("statusCode").GetInt32());
        Assert.Equal(200, results[fresh]);
        Assert.Equal(409, results[rejected]);
        Assert.Equal(404, results[missing]);
        Assert.Equal(1, body.GetProperty("succeeded").GetInt32());
        Assert.Equal("Accepted", (await _client.DetailAsync(fresh)).GetProperty("workflowStatus").GetString());
    }

    [Fact]
    public async Task Bulk_needs_the_bulk_permission()
    {
        var writer = factory.CreateClientWithPermissions(Permissions.OrdersWrite);

        var response = await writer.PostAsync("/api/orders/bulk", OrderRequests.Json("""{"action":"accept","orderIds":[]}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
