using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>Acceptance: connecting through each platform's OAuth flow against the simulator's authorization pages.</summary>
public sealed class OAuthConnectTests(MarketplaceFixture fixture) : IClassFixture<MarketplaceFixture>
{
    private readonly AccountApiClient _api = new(fixture);

    [Theory]
    [InlineData(SourcePlatform.Shopee)]
    [InlineData(SourcePlatform.Lazada)]
    [InlineData(SourcePlatform.Shopify)]
    [InlineData(SourcePlatform.TikTokShop)]
    public async Task OAuth_start_and_callback_connect_the_shop_and_a_state_works_only_once(SourcePlatform platform)
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, platform);
        var started = await _api.Http.PostAsJsonAsync("/api/platform-accounts/oauth/start", new
        {
            platform = platform.ToString(),
            name = $"OAuth {platform}",
            appKey = shop.Credentials.AppKey,
            appSecret = shop.Credentials.AppSecret,
            redirectUri = "https://app.example.com/oauth",
            shopId = platform == SourcePlatform.Shopify ? shop.ShopId : null,
            backfillDays = 1,
        });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var start = await started.Content.ReadFromJsonAsync<JsonElement>();
        var accountId = start.GetProperty("id").GetGuid();
        Assert.Equal("AwaitingAuthorization", (await _api.AccountAsync(accountId)).GetProperty("syncStatus").GetString());

        // The seller approves on the platform's page, which redirects the browser back with a code.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await browser.GetAsync(start.GetProperty("authorizationUrl").GetString());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var callbackQuery = page.Headers.Location!.Query;

        var anonymous = fixture.Api.CreateClient();
        var callback = await anonymous.GetAsync($"/api/platform-accounts/oauth/callback{callbackQuery}");
        Assert.True(callback.StatusCode == HttpStatusCode.OK, await callback.Content.ReadAsStringAsync());
        Assert.Equal("Idle", (await callback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("syncStatus").GetString());

        var replay = await anonymous.GetAsync($"/api/platform-accounts/oauth/callback{callbackQuery}");
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains(QueryHelpers.ParseQuery(callbackQuery)["state"].ToString().Split('.')[0], accountId.ToString("N"));
    }

    [Fact]
    public async Task A_Shopify_callback_with_a_tampered_hmac_is_refused()
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, SourcePlatform.Shopify);
        var start = await (await _api.Http.PostAsJsonAsync("/api/platform-accounts/oauth/start", new
        {
            platform = "Shopify", name = "Tampered", appKey = shop.Credentials.AppKey, appSecret = shop.Credentials.AppSecret,
            redirectUri = "https://app.example.com/oauth", shopId = shop.ShopId,
        })).Content.ReadFromJsonAsync<JsonElement>();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var location = (await browser.GetAsync(start.GetProperty("authorizationUrl").GetString())).Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query).ToDictionary(q => q.Key, q => q.Value.ToString());
        query["hmac"] = new string('0', 64);

        var callback = await fixture.Api.CreateClient().GetAsync(QueryHelpers.AddQueryString("/api/platform-accounts/oauth/callback", query!));

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        Assert.Equal("AwaitingAuthorization", (await _api.AccountAsync(start.GetProperty("id").GetGuid())).GetProperty("syncStatus").GetString());
    }
}
