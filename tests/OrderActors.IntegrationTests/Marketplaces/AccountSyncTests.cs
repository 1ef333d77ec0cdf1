using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>Acceptance: account sync against the simulator through the real api-host and grains.</summary>
public sealed class AccountSyncTests(MarketplaceFixture fixture) : IClassFixture<MarketplaceFixture>
{
    private readonly AccountApiClient _api = new(fixture);

    [Theory]
    [InlineData(SourcePlatform.Shopee)]
    [InlineData(SourcePlatform.Lazada)]
    [InlineData(SourcePlatform.Shopify)]
    [InlineData(SourcePlatform.TikTokShop)]
    public async Task Full_sync_with_token_expiry_throttling_and_5xx_brings_every_order_exactly_once_and_never_skips(SourcePlatform platform)
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, platform);
        var first = await shop.CreateOrdersAsync(230, spreadSeconds: 3000);
        var started = DateTimeOffset.UtcNow;
        var accountId = await _api.ConnectAsync(shop);
        await shop.SetFaultsAsync(new { throttleBurst = 4, errorRate = 0.1, expireTokensAfterCalls = 2 });

        await _api.WaitForSyncAsync(accountId, started);

        // Changes after the first sync: new orders and updated ones, all caught by the next incremental sync.
        var later = await shop.CreateOrdersAsync(25);
        foreach (var id in first.Take(10))
        {
            await shop.AdvanceAsync(id, SimStage.Shipped);
        }
        await shop.SetFaultsAsync(new { throttleBurst = 3, errorRate = 0.1, expireTokensAfterCalls = 1 });
        var beforeSecond = DateTimeOffset.UtcNow;
        (await _api.Http.PostAsync($"/api/platform-accounts/{accountId}/sync", null)).EnsureSuccessStatusCode();
        var account = await _api.WaitForSyncAsync(accountId, beforeSecond);
        await shop.SetFaultsAsync(new { });

        var stats = await shop.StatsAsync();
        Assert.True(stats.GetProperty("throttled").GetInt32() >= 7, stats.ToString());
        Assert.True(stats.GetProperty("tokenExpiries").GetInt32() >= 2, stats.ToString());
        var all = first.Concat(later).ToList();
        var list = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/orders?platform={platform}&limit=500");
        var mine = list.GetProperty("items").EnumerateArray().Where(o => o.GetProperty("accountId").GetString() == accountId.ToString()).ToList();
        Assert.Equal(all.Count, mine.Count);
        Assert.Equal(all.OrderBy(x => x), mine.Select(o => o.GetProperty("platformOrderId").GetString()!).OrderBy(x => x));
        foreach (var id in first.Take(10))
        {
            var order = (await _api.OrderAsync(platform, accountId, id))!.Value;
            Assert.Equal("Shipped", order.GetProperty("status").GetString());
            Assert.Equal(2, order.GetProperty("history").GetArrayLength()); // created + one real change, however often it was read
        }
        foreach (var id in later.Take(5))
        {
            var order = (await _api.OrderAsync(platform, accountId, id))!.Value;
            Assert.Equal(1, order.GetProperty("history").GetArrayLength());
        }
        Assert.True(account.GetProperty("watermark").GetDateTimeOffset() >= beforeSecond.AddSeconds(-1));
    }

    [Theory]
    [InlineData(SourcePlatform.Shopee)]
    [InlineData(SourcePlatform.TikTokShop)]
    public async Task Credentials_the_platform_rejects_are_not_saved(SourcePlatform platform)
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, platform);
        var name = $"Rejected {Guid.NewGuid():N}";

        var response = await _api.ConnectRawAsync(shop, name, 300, 1, appSecret: "wrong-secret");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("credentials", out _), problem.ToString());
        var list = await _api.Http.GetFromJsonAsync<JsonElement>("/api/platform-accounts");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task An_interval_change_takes_effect_without_restart()
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, SourcePlatform.Lazada);
        var started = DateTimeOffset.UtcNow;
        var accountId = await _api.ConnectAsync(shop, intervalSeconds: 3600);
        await _api.WaitForSyncAsync(accountId, started);
        var fresh = await shop.CreateOrdersAsync(1);

        var patch = await _api.Http.PatchAsJsonAsync($"/api/platform-accounts/{accountId}", new { syncIntervalSeconds = 1 });
        patch.EnsureSuccessStatusCode();

        await Eventually.ReturnsAsync(() => _api.OrderAsync(SourcePlatform.Lazada, accountId, fresh[0]), o => o is not null, TimeSpan.FromSeconds(30), "the 1 s interval picks the new order up");
        var account = await _api.AccountAsync(accountId);
        Assert.Equal(1, account.GetProperty("syncIntervalSeconds").GetInt32());
    }

    [Fact]
    public async Task A_revoked_authorization_puts_the_account_in_error_with_the_reason_and_the_list_shows_it()
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, SourcePlatform.TikTokShop);
        var started = DateTimeOffset.UtcNow;
        var accountId = await _api.ConnectAsync(shop);
        await _api.WaitForSyncAsync(accountId, started);

        (await shop.Control.PostAsync($"/_sim/shops/{shop.Platform}/{shop.ShopId}/revoke", null)).EnsureSuccessStatusCode();
        (await _api.Http.PostAsync($"/api/platform-accounts/{accountId}/sync", null)).EnsureSuccessStatusCode();

        var account = await Eventually.ReturnsAsync(() => _api.AccountAsync(accountId), a => a.GetProperty("syncStatus").GetString() == "Error");
        Assert.False(string.IsNullOrEmpty(account.GetProperty("lastError").GetString()));
        // The list reads the account read model, which the grain projects right after its state write.
        var row = await Eventually.ReturnsAsync(
            async () => (await _api.Http.GetFromJsonAsync<JsonElement>("/api/platform-accounts?platform=TikTokShop"))
                .GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == accountId),
            r => r.GetProperty("syncStatus").GetString() == "Error");
        Assert.Equal("Error", row.GetProperty("syncStatus").GetString());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("lastError").GetString()));
        Assert.False(account.TryGetProperty("credentials", out _));
        Assert.DoesNotContain(shop.Credentials.AppSecret, account.ToString());
    }
}
