using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrderActors.Marketplaces;
using OrderActors.MarketplaceSim;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>Sets up an app and an authorized shop on the simulator through its control API and hands out the credentials.</summary>
public sealed class SimulatedShop
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private SimulatedShop(RunningSimulator simulator, SourcePlatform platform, string shopId, PlatformCredentials credentials)
    {
        Simulator = simulator;
        Platform = platform;
        ShopId = shopId;
        Credentials = credentials;
        Control = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
    }

    public RunningSimulator Simulator { get; }
    public SourcePlatform Platform { get; }
    public string ShopId { get; }
    public PlatformCredentials Credentials { get; }
    public HttpClient Control { get; }

    public static async Task<SimulatedShop> CreateAsync(RunningSimulator simulator, SourcePlatform platform, string? webhookTarget = null)
    {
        var unique = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString();
        var (appKey, shopId, currency, country) = platform switch
        {
            SourcePlatform.Shopee => ("2" + unique[..6], "147" + unique, "MYR", "MY"),
            SourcePlatform.Lazada => ("1" + unique[..5], "100" + unique, "VND", "VN"),
            SourcePlatform.Shopify => ("client-" + unique, "shop-" + unique, "SGD", "SG"),
            _ => ("app" + unique[..5], "749404" + unique + "1621", "THB", "TH"),
        };
        var secret = $"secret-{platform}-{unique}";
        using var control = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        (await control.PostAsJsonAsync("/_sim/apps", new { platform, appKey, appSecret = secret, redirectUri = "https://app.example.com/oauth" }, Json)).EnsureSuccessStatusCode();
        var created = await (await control.PostAsJsonAsync("/_sim/shops", new { platform, shopId, appKey, currency, country, webhookTarget }, Json))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Json);
        var credentials = new PlatformCredentials
        {
            AppKey = appKey,
            AppSecret = secret,
            ShopId = shopId,
            AccessToken = created.GetProperty("accessToken").GetString(),
            RefreshToken = created.GetProperty("refreshToken").GetString(),
            AccessTokenExpiresAt = created.GetProperty("expiresAt").GetDateTimeOffset(),
            ShopCipher = platform == SourcePlatform.TikTokShop ? created.GetProperty("shopCipher").GetString() : null,
        };
        return new SimulatedShop(simulator, platform, shopId, credentials);
    }

    public async Task<IReadOnlyList<string>> CreateOrdersAsync(int count, SimStage stage = SimStage.ToShip, int spreadSeconds = 0)
    {
        var response = await Control.PostAsJsonAsync($"/_sim/shops/{Platform}/{ShopId}/orders", new { count, stage, spreadSeconds }, Json);
        var orders = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Json);
        return orders.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();
    }

    public async Task<IReadOnlyList<JsonElement>> OrdersAsync() =>
        (await Control.GetFromJsonAsync<JsonElement>($"/_sim/shops/{Platform}/{ShopId}/orders", Json)).EnumerateArray().ToList();

    public async Task AdvanceAsync(string orderId, SimStage? to = null) =>
        (await Control.PostAsJsonAsync($"/_sim/shops/{Platform}/{ShopId}/orders/{orderId}/advance", new { to }, Json)).EnsureSuccessStatusCode();

    public async Task SetFaultsAsync(object faults) =>
        (await Control.PostAsJsonAsync($"/_sim/faults/{Platform}", faults, Json)).EnsureSuccessStatusCode();

    public async Task<JsonElement> StatsAsync() => await Control.GetFromJsonAsync<JsonElement>($"/_sim/stats/{Platform}", Json);

    public async Task<IReadOnlyList<JsonElement>> PushedBackAsync() =>
        (await Control.GetFromJsonAsync<JsonElement>($"/_sim/pushed-back?platform={Platform}&shopId={ShopId}", Json)).EnumerateArray().ToList();
}
