using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Marketplaces;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>
/// Write-back end to end: order commands through the real API change the order, the order grain records the write-back
/// with the change and hands it to the account grain, which pushes it over real HTTP to the in-process simulator.
/// </summary>
public sealed class OrderWriteBackTests(MarketplaceFixture fixture) : IClassFixture<MarketplaceFixture>
{
    private readonly AccountApiClient _accounts = new(fixture);
    private readonly HttpClient _orders = fixture.Api.CreateClientWithPermissions(Permissions.OrdersRead, Permissions.OrdersWrite);

    [Theory]
    [InlineData(SourcePlatform.Shopee, "ship_order", "cancel_order", null)]
    [InlineData(SourcePlatform.Lazada, "ready_to_ship", "cancel", "pack")]
    [InlineData(SourcePlatform.Shopify, "fulfillmentCreate", "orderCancel", null)]
    [InlineData(SourcePlatform.TikTokShop, "ship_package", "cancel_order", null)]
    public async Task Ship_cancel_and_pack_through_the_api_reach_the_platform(SourcePlatform platform, string shipAction, string cancelAction, string? packAction)
    {
        var (shop, accountId, ids) = await ConnectedShopAsync(platform, 3);
        var (toShip, toCancel, toPack) = (ids[0], ids[1], ids[2]);
        var tracking = $"TRK{Random.Shared.NextInt64(100_000_000, 999_999_999)}";

        var shipped = await ShipAsync(platform, accountId, toShip, new { carrier = "J&T Express", trackingNumber = tracking, labelReference = "LBL-1" });
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        var shippedOrder = (await shipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("order");
        Assert.Equal("Shipped", shippedOrder.GetProperty("status").GetString());
        Assert.Equal(tracking, shippedOrder.GetProperty("shipment").GetProperty("trackingNumber").GetString());
        Assert.Equal("Pending", shippedOrder.GetProperty("syncStatus").GetString());

        var cancelled = await _orders.PostAsJsonAsync($"/api/orders/{Local(platform, accountId, toCancel)}/status", new { status = "Cancelled", reason = "buyer asked" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var local = Local(platform, accountId, toPack);
        foreach (var workflowStatus in new[] { "Accepted", "InProgress", "Packed" })
        {
            var step = await _orders.PostAsJsonAsync($"/api/orders/{local}/status", new { workflowStatus });
            Assert.True(step.StatusCode == HttpStatusCode.OK, await step.Content.ReadAsStringAsync());
        }

        foreach (var id in ids)
        {
            await Eventually.ReturnsAsync(() => _accounts.OrderAsync(platform, accountId, id), o => o?.GetProperty("syncStatus").GetString() == "Synced",
                because: $"the write-back of {id} reaches {platform}");
        }
        var pushed = await shop.PushedBackAsync();
        var ship = Assert.Single(pushed, p => p.GetProperty("orderId").GetString() == toShip && p.GetProperty("action").GetString() == shipAction);
        Assert.True(ship.GetProperty("applied").GetBoolean());
        if (platform != SourcePlatform.Lazada)
        {
            // Lazada assigns the tracking number itself when the order is packed; the others take the seller's.
            Assert.Equal(tracking, ship.GetProperty("detail").GetString());
        }
        Assert.Single(pushed, p => p.GetProperty("orderId").GetString() == toCancel && p.GetProperty("action").GetString() == cancelAction);
        var packPushes = pushed.Where(p => p.GetProperty("orderId").GetString() == toPack).Select(p => p.GetProperty("action").GetString()).ToList();
        Assert.Equal(packAction is null ? [] : [packAction], packPushes);

        var onPlatform = (await shop.OrdersAsync()).ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("stage").GetString());
        Assert.Equal(nameof(SimStage.Cancelled), onPlatform[toCancel]);
        Assert.Contains(onPlatform[toShip], new[] { nameof(SimStage.ReadyToShip), nameof(SimStage.Shipped) });
    }

    [Fact]
    public async Task The_same_ship_command_twice_pushes_once()
    {
        var (shop, accountId, ids) = await ConnectedShopAsync(SourcePlatform.Shopee, 1);
        var body = new { carrier = "Ninja Van", trackingNumber = "NV0000000001", labelReference = (string?)null };
        var key = Guid.NewGuid().ToString("N");

        var first = await ShipAsync(SourcePlatform.Shopee, accountId, ids[0], body, key);
        Assert.Equal("Applied", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        await Eventually.ReturnsAsync(() => _accounts.OrderAsync(SourcePlatform.Shopee, accountId, ids[0]), o => o?.GetProperty("syncStatus").GetString() == "Synced");

        var again = await ShipAsync(SourcePlatform.Shopee, accountId, ids[0], body, key);
        var repeated = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("AlreadyApplied", repeated.GetProperty("outcome").GetString());
        var withoutKey = await (await ShipAsync(SourcePlatform.Shopee, accountId, ids[0], body)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unchanged", withoutKey.GetProperty("outcome").GetString());

        // A write-back is only ever recorded in the same write as a change; neither repeat changed the order.
        Assert.Equal("Synced", withoutKey.GetProperty("order").GetProperty("syncStatus").GetString());
        var writeBacks = await Account(accountId).GetWriteBacks();
        Assert.Single(writeBacks, w => w.Request.PlatformOrderId == ids[0]);
        Assert.Single(await shop.PushedBackAsync(), p => p.GetProperty("orderId").GetString() == ids[0]);
    }

    [Theory]
    [InlineData(SourcePlatform.Shopee)]
    [InlineData(SourcePlatform.TikTokShop)]
    public async Task A_failing_platform_leaves_syncStatus_failed_and_a_later_retry_clears_it(SourcePlatform platform)
    {
        var (shop, accountId, ids) = await ConnectedShopAsync(platform, 1);
        await shop.SetFaultsAsync(new { failWriteBacks = true });
        try
        {
            var cancelled = await _orders.PostAsJsonAsync($"/api/orders/{Local(platform, accountId, ids[0])}/status", new { status = "Cancelled" });
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            var failed = await Eventually.ReturnsAsync(() => _accounts.OrderAsync(platform, accountId, ids[0]),
                o => o?.GetProperty("syncStatus").GetString() == "Failed", because: "the platform answers 5xx to write-backs");
            Assert.False(string.IsNullOrWhiteSpace(failed!.Value.GetProperty("syncError").GetString()));
            Assert.Empty(await shop.PushedBackAsync());
        }
        finally
        {
            await shop.SetFaultsAsync(new { });
        }
        var synced = await Eventually.ReturnsAsync(() => _accounts.OrderAsync(platform, accountId, ids[0]),
            o => o?.GetProperty("syncStatus").GetString() == "Synced", because: "the retry reaches the recovered platform");
        Assert.Equal(JsonValueKind.Null, synced!.Value.GetProperty("syncError").ValueKind);
        Assert.Single(await shop.PushedBackAsync(), p => p.GetProperty("action").GetString() == "cancel_order");
    }

    [Fact]
    public async Task Status_changes_that_come_from_the_platform_are_not_written_back()
    {
        var (shop, accountId, ids) = await ConnectedShopAsync(SourcePlatform.Lazada, 2);
        var path = $"/webhooks/lazada/{accountId}";
        (await shop.Control.PutAsJsonAsync($"/_sim/shops/{shop.Platform}/{shop.ShopId}/webhook-target", new { url = $"http://localhost{path}" })).EnsureSuccessStatusCode();

        // One change arrives by webhook, the other by a poll.
        await shop.AdvanceAsync(ids[0], SimStage.Cancelled);
        var byWebhook = await Eventually.ReturnsAsync(() => _accounts.OrderAsync(shop.Platform, accountId, ids[0]),
            o => o?.GetProperty("status").GetString() == "Cancelled", because: "the cancellation webhook is applied");
        (await shop.Control.PutAsJsonAsync($"/_sim/shops/{shop.Platform}/{shop.ShopId}/webhook-target", new { url = (string?)null })).EnsureSuccessStatusCode();
        await shop.AdvanceAsync(ids[1], SimStage.Shipped);
        // A sync already running when the shipment happened may finish after it without having seen it: poll again until one has.
        var byPoll = (await Eventually.ReturnsAsync(async () =>
        {
            var beforePoll = DateTimeOffset.UtcNow;
            (await _accounts.Http.PostAsync($"/api/platform-accounts/{accountId}/sync", null)).EnsureSuccessStatusCode();
            await _accounts.WaitForSyncAsync(accountId, beforePoll);
            return await _accounts.OrderAsync(shop.Platform, accountId, ids[1]);
        }, o => o?.GetProperty("status").GetString() == "Shipped", because: "a poll picks up the shipment"))!.Value;

        // A write-back would have set syncStatus Pending in the same write as the status change.
        Assert.Equal("Synced", byWebhook!.Value.GetProperty("syncStatus").GetString());
        Assert.Equal("Synced", byPoll.GetProperty("syncStatus").GetString());
        Assert.Empty(await Account(accountId).GetWriteBacks());
        Assert.Empty(await shop.PushedBackAsync());
    }

    [Fact]
    public async Task Ship_refuses_bad_input_with_the_field_named_and_a_forbidden_transition_with_409()
    {
        var (shop, accountId, ids) = await ConnectedShopAsync(SourcePlatform.Shopify, 1);
        var id = Local(SourcePlatform.Shopify, accountId, ids[0]);

        var missing = await _orders.PostAsJsonAsync($"/api/orders/{id}/ship", new { carrier = "DHL" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("trackingNumber", out _), problem.ToString());
        var spaced = await _orders.PostAsJsonAsync($"/api/orders/{id}/ship", new { carrier = "DHL", trackingNumber = "12 34" });
        Assert.Equal(HttpStatusCode.BadRequest, spaced.StatusCode);
        Assert.Equal("ReadyToShip", (await _accounts.OrderAsync(SourcePlatform.Shopify, accountId, ids[0]))!.Value.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await _orders.PostAsJsonAsync($"/api/orders/{id}/status", new { status = "Cancelled" })).StatusCode);
        var refused = await _orders.PostAsJsonAsync($"/api/orders/{id}/ship", new { carrier = "DHL", trackingNumber = "1234" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var conflict = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Cancelled", conflict.GetProperty("current").GetString());
        Assert.Equal("Shipped", conflict.GetProperty("requested").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _orders.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/ship", new { carrier = "DHL", trackingNumber = "1234" })).StatusCode);
        await Eventually.ReturnsAsync(() => _accounts.OrderAsync(SourcePlatform.Shopify, accountId, ids[0]), o => o?.GetProperty("syncStatus").GetString() == "Synced");
        Assert.DoesNotContain(await shop.PushedBackAsync(), p => p.GetProperty("action").GetString() == "fulfillmentCreate");
    }

    private async Task<(SimulatedShop Shop, Guid AccountId, IReadOnlyList<string> OrderIds)> ConnectedShopAsync(SourcePlatform platform, int orders)
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, platform);
        var ids = await shop.CreateOrdersAsync(orders);
        var started = DateTimeOffset.UtcNow;
        var accountId = await _accounts.ConnectAsync(shop);
        await _accounts.WaitForSyncAsync(accountId, started);
        foreach (var id in ids)
        {
            await Eventually.ReturnsAsync(() => _accounts.OrderAsync(platform, accountId, id), o => o is not null, because: "the backfill imported the order");
        }
        return (shop, accountId, ids);
    }

    private Task<HttpResponseMessage> ShipAsync(SourcePlatform platform, Guid accountId, string platformOrderId, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{Local(platform, accountId, platformOrderId)}/ship") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return _orders.SendAsync(request);
    }

    private IPlatformAccountGrain Account(Guid accountId) =>
        fixture.Api.Services.GetRequiredService<IClusterClient>().GetGrain<IPlatformAccountGrain>(accountId);

    private static Guid Local(SourcePlatform platform, Guid accountId, string platformOrderId) => OrderId.For(platform, accountId.ToString(), platformOrderId);
}
