using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Marketplaces.Webhooks;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>Acceptance: signed webhooks from the simulator into /webhooks/{platform}/{accountId}.</summary>
public sealed class WebhookTests(MarketplaceFixture fixture) : IClassFixture<MarketplaceFixture>
{
    private readonly AccountApiClient _api = new(fixture);

    [Theory]
    [InlineData(SourcePlatform.Shopee)]
    [InlineData(SourcePlatform.Lazada)]
    [InlineData(SourcePlatform.Shopify)]
    [InlineData(SourcePlatform.TikTokShop)]
    public async Task Bad_signatures_are_refused_good_deliveries_applied_and_repeats_change_nothing(SourcePlatform platform)
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, platform);
        var started = DateTimeOffset.UtcNow;
        var accountId = await _api.ConnectAsync(shop);
        await _api.WaitForSyncAsync(accountId, started);
        var path = $"/webhooks/{platform.ToString().ToLowerInvariant()}/{accountId}";
        (await shop.Control.PutAsJsonAsync($"/_sim/shops/{platform}/{shop.ShopId}/webhook-target", new { url = $"http://localhost{path}" })).EnsureSuccessStatusCode();
        var inbox = fixture.Api.Services.GetRequiredService<WebhookInbox>();
        var anonymous = fixture.Api.CreateClient();

        const string forged = """{"type":1,"code":3,"message_type":0,"id":1,"data":{"order_id":"1","ordersn":"1","trade_order_id":"1"}}""";
        var bad = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(forged, Encoding.UTF8, "application/json") };
        bad.Headers.TryAddWithoutValidation(platform == SourcePlatform.Shopify ? "X-Shopify-Hmac-Sha256" : "Authorization",
            platform == SourcePlatform.Shopify ? "gXWlSxZd1b7NBRlwW177cjC/4djA3vtcUKKPrHMCiLs=" : new string('a', 64));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(bad)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(path, new StringContent(forged, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(0, await inbox.CountAsync(accountId, CancellationToken.None));

        var orderId = (await shop.CreateOrdersAsync(1))[0];
        await Eventually.ReturnsAsync(() => _api.OrderAsync(platform, accountId, orderId), o => o is not null, because: "the order-created webhook is applied");
        await shop.AdvanceAsync(orderId, SimStage.Shipped);
        await Eventually.ReturnsAsync(() => _api.OrderAsync(platform, accountId, orderId), o => o?.GetProperty("status").GetString() == "Shipped", because: "the shipped webhook is applied");

        // The platform delivers the same webhook twice more, then a poll reads the same order again.
        var webhooks = await shop.Control.GetFromJsonAsync<JsonElement>("/_sim/webhooks", SimulatedShop.Json);
        var shipped = webhooks.EnumerateArray().Where(w => w.GetProperty("orderId").GetString() == orderId).Select(w => w.GetProperty("id").GetInt64()).Max();
        for (var i = 0; i < 2; i++)
        {
            var again = await shop.Control.PostAsync($"/_sim/webhooks/{shipped}/redeliver", null);
            Assert.Equal(200, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        }
        var beforePoll = DateTimeOffset.UtcNow;
        (await _api.Http.PostAsync($"/api/platform-accounts/{accountId}/sync", null)).EnsureSuccessStatusCode();
        await _api.WaitForSyncAsync(accountId, beforePoll);

        var order = (await _api.OrderAsync(platform, accountId, orderId))!.Value;
        var history = order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["ReadyToShip", "Shipped"], history);
        Assert.Equal(2, await inbox.CountAsync(accountId, CancellationToken.None)); // two real events, the repeats deduplicated
        var list = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/orders?platform={platform}&limit=500");
        Assert.Single(list.GetProperty("items").EnumerateArray(), o => o.GetProperty("platformOrderId").GetString() == orderId);
    }
}
