using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Marketplaces;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>Acceptance: local changes pushed back to the simulated platform, with syncStatus showing the outcome.</summary>
public sealed class WriteBackTests(MarketplaceFixture fixture) : IClassFixture<MarketplaceFixture>
{
    private readonly AccountApiClient _api = new(fixture);

    [Theory]
    [InlineData(SourcePlatform.Shopee, "ship_order")]
    [InlineData(SourcePlatform.Lazada, "ready_to_ship")]
    [InlineData(SourcePlatform.Shopify, "fulfillmentCreate")]
    [InlineData(SourcePlatform.TikTokShop, "ship_package")]
    public async Task A_failing_platform_leaves_the_order_failed_with_the_error_and_a_later_retry_clears_it(SourcePlatform platform, string expectedAction)
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, platform);
        var orderId = (await shop.CreateOrdersAsync(1))[0];
        var started = DateTimeOffset.UtcNow;
        var accountId = await _api.ConnectAsync(shop);
        await _api.WaitForSyncAsync(accountId, started);
        var localId = OrderId.For(platform, accountId.ToString(), orderId);
        await shop.SetFaultsAsync(new { failWriteBacks = true });

        var grain = fixture.Api.Services.GetRequiredService<IClusterClient>().GetGrain<IPlatformAccountGrain>(accountId);
        await grain.RequestWriteBack(new WriteBackRequest
        {
            OperationId = $"ship:{localId}",
            OrderId = localId,
            PlatformOrderId = orderId,
            Action = WriteBackAction.Shipped,
            TrackingNumber = "JT0012345678",
            Carrier = "J&T Express",
        });

        var failed = await Eventually.ReturnsAsync(() => _api.OrderAsync(platform, accountId, orderId),
            o => o?.GetProperty("syncStatus").GetString() == "Failed", because: "the platform answers 503 to write-backs");
        Assert.False(string.IsNullOrEmpty(failed!.Value.GetProperty("syncError").GetString()));
        Assert.DoesNotContain(await shop.PushedBackAsync(), p => p.GetProperty("orderId").GetString() == orderId && p.GetProperty("applied").GetBoolean());

        await shop.SetFaultsAsync(new { });

        var synced = await Eventually.ReturnsAsync(() => _api.OrderAsync(platform, accountId, orderId),
            o => o?.GetProperty("syncStatus").GetString() == "Synced", because: "the retry reaches the recovered platform");
        Assert.Equal(JsonValueKind.Null, synced!.Value.GetProperty("syncError").ValueKind);
        var pushed = await shop.PushedBackAsync();
        Assert.Contains(pushed, p => p.GetProperty("orderId").GetString() == orderId && p.GetProperty("action").GetString() == expectedAction && p.GetProperty("applied").GetBoolean());

        // Asking again with the same operation id pushes nothing more.
        var count = pushed.Count;
        await grain.RequestWriteBack(new WriteBackRequest { OperationId = $"ship:{localId}", OrderId = localId, PlatformOrderId = orderId, Action = WriteBackAction.Shipped });
        Assert.Equal(count, (await shop.PushedBackAsync()).Count);
    }
}
