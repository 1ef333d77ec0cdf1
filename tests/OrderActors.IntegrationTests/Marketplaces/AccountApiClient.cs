using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>Thin helpers over /api/platform-accounts and /api/orders for the acceptance tests.</summary>
public sealed class AccountApiClient(HttpClient http)
{
    public AccountApiClient(MarketplaceFixture fixture)
        : this(fixture.Api.CreateClientWithPermissions(Permissions.PlatformsManage, Permissions.OrdersRead))
    {
    }

    public HttpClient Http { get; } = http;

    public async Task<HttpResponseMessage> ConnectRawAsync(SimulatedShop shop, string name, int intervalSeconds, int backfillDays, string? appSecret = null) =>
        await Http.PostAsJsonAsync("/api/platform-accounts", new
        {
            platform = shop.Platform.ToString(),
            name,
            syncIntervalSeconds = intervalSeconds,
            backfillDays,
            credentials = new
            {
                appKey = shop.Credentials.AppKey,
                appSecret = appSecret ?? shop.Credentials.AppSecret,
                shopId = shop.Credentials.ShopId,
                accessToken = shop.Credentials.AccessToken,
                refreshToken = shop.Credentials.RefreshToken,
                accessTokenExpiresAt = shop.Credentials.AccessTokenExpiresAt,
            },
        });

    public async Task<Guid> ConnectAsync(SimulatedShop shop, int intervalSeconds = 3600, int backfillDays = 1)
    {
        var response = await ConnectRawAsync(shop, $"{shop.Platform} test shop {shop.ShopId}", intervalSeconds, backfillDays);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> AccountAsync(Guid id) => await Http.GetFromJsonAsync<JsonElement>($"/api/platform-accounts/{id}");

    public Task<JsonElement> WaitForSyncAsync(Guid id, DateTimeOffset after, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => AccountAsync(id),
            a => a.GetProperty("syncStatus").GetString() == "Idle" && a.TryGetProperty("lastSyncAt", out var at) && at.ValueKind == JsonValueKind.String && at.GetDateTimeOffset() > after,
            timeout ?? TimeSpan.FromSeconds(90), "a completed sync");

    public async Task<JsonElement?> OrderAsync(SourcePlatform platform, Guid accountId, string platformOrderId)
    {
        var response = await Http.GetAsync($"/api/orders/{OrderId.For(platform, accountId.ToString(), platformOrderId)}");
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }
}
