using OrderActors.Marketplaces;
using OrderActors.MarketplaceSim;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.Bench.Marketplaces;

/// <summary>An app, an authorized shop and its orders created directly in the in-process simulator.</summary>
public sealed record BenchShop(SourcePlatform Platform, SimShop Shop, PlatformCredentials Credentials, IReadOnlyList<string> OrderIds)
{
    public static BenchShop Create(RunningSimulator simulator, SourcePlatform platform, int index, int orders)
    {
        var unique = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString();
        var (appKey, shopId, currency, country) = platform switch
        {
            SourcePlatform.Shopee => ("2" + unique[..6], "147" + unique, "MYR", "MY"),
            SourcePlatform.Lazada => ("1" + unique[..5], "100" + unique, "VND", "VN"),
            SourcePlatform.Shopify => ("client-" + unique, "shop-" + unique, "SGD", "SG"),
            _ => ("app" + unique[..5], "749404" + unique + "1621", "THB", "TH"),
        };
        var secret = $"bench-secret-{platform}-{index}-{unique}";
        simulator.State.RegisterApp(new SimApp(platform, appKey, secret, "https://bench.example.com/oauth"));
        var (shop, token) = simulator.State.CreateShop(new SimShop { Platform = platform, ShopId = shopId, AppKey = appKey, Currency = currency, Country = country });
        var now = DateTimeOffset.UtcNow;
        // Spread over the last 50 minutes so listing pages and windows are real, not one timestamp.
        var ids = Enumerable.Range(0, orders).Select(i => simulator.Orders.Create(shop, SimStage.ToShip, now.AddSeconds(-3000 + 3000.0 * i / Math.Max(1, orders))).Id).ToList();
        var credentials = new PlatformCredentials
        {
            AppKey = appKey,
            AppSecret = secret,
            ShopId = shopId,
            AccessToken = token.AccessToken,
            RefreshToken = token.RefreshToken,
            AccessTokenExpiresAt = token.ExpiresAt,
            ShopCipher = platform == SourcePlatform.TikTokShop ? shop.ShopCipher : null,
        };
        return new BenchShop(platform, shop, credentials, ids);
    }
}
