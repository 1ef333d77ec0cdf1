using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrderActors.MarketplaceSim;

namespace OrderActors.BrowserTests.Infrastructure;

/// <summary>An app and an authorized Shopee shop set up on the simulator through its control API, with the credentials a seller would type.</summary>
public sealed record SimulatorShop(string AppKey, string AppSecret, string ShopId, string AccessToken, string RefreshToken)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<SimulatorShop> CreateShopeeAsync(RunningSimulator simulator)
    {
        var unique = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var appKey = "2" + unique[..6];
        var shopId = "147" + unique;
        var secret = $"secret-shopee-{unique}";
        using var control = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        (await control.PostAsJsonAsync("/_sim/apps", new { platform = "Shopee", appKey, appSecret = secret, redirectUri = "https://app.example.com/oauth" }, Json)).EnsureSuccessStatusCode();
        var created = await (await control.PostAsJsonAsync("/_sim/shops", new { platform = "Shopee", shopId, appKey, currency = "MYR", country = "MY" }, Json))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Json);
        return new SimulatorShop(appKey, secret, shopId, created.GetProperty("accessToken").GetString()!, created.GetProperty("refreshToken").GetString()!);
    }

    public async Task CreateOrdersAsync(RunningSimulator simulator, int count)
    {
        using var control = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl) };
        (await control.PostAsJsonAsync($"/_sim/shops/Shopee/{ShopId}/orders", new { count, stage = "ToShip", spreadSeconds = 0 }, Json)).EnsureSuccessStatusCode();
    }
}
