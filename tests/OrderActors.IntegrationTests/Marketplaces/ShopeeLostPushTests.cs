using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>Reconciliation recovers Shopee pushes that never arrived through get_lost_push_message, then confirms them.</summary>
public sealed class ShopeeLostPushTests(MarketplaceFixture fixture) : IClassFixture<MarketplaceFixture>
{
    private readonly AccountApiClient _api = new(fixture);

    [Fact]
    public async Task A_push_that_never_arrived_is_recovered_from_the_lost_push_store_and_confirmed()
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, SourcePlatform.Shopee);
        var started = DateTimeOffset.UtcNow;
        var accountId = await _api.ConnectAsync(shop);
        await _api.WaitForSyncAsync(accountId, started);

        // Pushes go to an endpoint that refuses them (no such account), and the order list is down: only the lost-push
        // store can bring the new order in.
        (await shop.Control.PutAsJsonAsync($"/_sim/shops/Shopee/{shop.ShopId}/webhook-target", new { url = $"http://localhost/webhooks/shopee/{Guid.NewGuid()}" })).EnsureSuccessStatusCode();
        await shop.SetFaultsAsync(new { failOrderLists = true });
        try
        {
            var orderId = (await shop.CreateOrdersAsync(1))[0];
            await Eventually.ReturnsAsync(LostCountAsync, n => n == 1, TimeSpan.FromSeconds(30), "the simulator keeps the push it could not deliver");
            Assert.Null(await _api.OrderAsync(SourcePlatform.Shopee, accountId, orderId));

            (await _api.Http.PostAsync($"/api/platform-accounts/{accountId}/sync", null)).EnsureSuccessStatusCode();

            var order = await Eventually.ReturnsAsync(() => _api.OrderAsync(SourcePlatform.Shopee, accountId, orderId), o => o is not null,
                because: "reconciliation reads the lost push and fetches the order it names");
            Assert.Equal("ReadyToShip", order!.Value.GetProperty("status").GetString());
            await Eventually.ReturnsAsync(LostCountAsync, n => n == 0, TimeSpan.FromSeconds(30), "the recovered batch is confirmed");
            await Eventually.ReturnsAsync(() => _api.AccountAsync(accountId), a => a.GetProperty("counters").GetProperty("lostPushesRecovered").GetInt64() == 1,
                TimeSpan.FromSeconds(30), "the account counts the recovered push");
        }
        finally
        {
            await shop.SetFaultsAsync(new { });
        }

        async Task<int> LostCountAsync() =>
            (await shop.Control.GetFromJsonAsync<JsonElement>($"/_sim/shopee/lost-pushes/{shop.Credentials.AppKey}")).GetProperty("unconfirmed").GetInt32();
    }
}
