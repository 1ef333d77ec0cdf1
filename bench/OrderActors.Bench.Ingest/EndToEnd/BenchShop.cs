using OrderActors.MarketplaceSim;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.Bench.Ingest.EndToEnd;

/// <summary>
/// A shop on the in-process simulator (the platforms' order APIs the api-host fetches from) with no webhook target:
/// the load generator sends the webhooks itself, so it knows when each one left and when it was acknowledged.
/// </summary>
public sealed record BenchShop(SourcePlatform Platform, string ShopId, string AppKey, string AppSecret, SimShop Shop, SimToken Token)
{
    public Guid AccountId { get; set; }

    public static BenchShop Create(RunningSimulator simulator, SourcePlatform platform, int n)
    {
        var unique = (20_000_000 + n * 1_000 + Random.Shared.Next(1_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (appKey, shopId, currency, country) = platform switch
        {
            SourcePlatform.Shopee => ("2" + unique[..6], "147" + unique, "MYR", "MY"),
            SourcePlatform.Lazada => ("1" + unique[..5], "100" + unique, "VND", "VN"),
            SourcePlatform.Shopify => ("client-" + unique, "shop-" + unique, "SGD", "SG"),
            _ => ("app" + unique[..5], "749404" + unique + "1621", "THB", "TH"),
        };
        var secret = $"bench-secret-{platform}-{unique}";
        simulator.State.RegisterApp(new SimApp(platform, appKey, secret, "https://app.example.com/oauth"));
        var (shop, token) = simulator.State.CreateShop(new SimShop { Platform = platform, ShopId = shopId, AppKey = appKey, Currency = currency, Country = country });
        return new BenchShop(platform, shopId, appKey, secret, shop, token);
    }

    public string WebhookPath => $"/webhooks/{Platform.ToString().ToLowerInvariant()}/{AccountId}";

    public Guid OrderIdOf(string platformOrderId) => OrderId.For(Platform, AccountId.ToString(), platformOrderId);

    public object ConnectRequest() => new
    {
        platform = Platform.ToString(),
        name = $"Bench {Platform} {ShopId}",
        syncIntervalSeconds = 3600,
        backfillDays = 1,
        credentials = new
        {
            appKey = AppKey,
            appSecret = AppSecret,
            shopId = ShopId,
            accessToken = Token.AccessToken,
            refreshToken = Token.RefreshToken,
            accessTokenExpiresAt = Token.ExpiresAt,
            shopCipher = Platform == SourcePlatform.TikTokShop ? Shop.ShopCipher : null,
        },
    };
}
