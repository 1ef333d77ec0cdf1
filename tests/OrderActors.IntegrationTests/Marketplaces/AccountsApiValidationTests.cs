using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Security;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>Bad input to /api/platform-accounts is a 400 problem naming the field, and nothing is created.</summary>
public sealed class AccountsApiValidationTests(MarketplaceFixture fixture) : IClassFixture<MarketplaceFixture>
{
    private readonly HttpClient _client = fixture.Api.CreateClientWithPermissions(Permissions.PlatformsManage);

    [Theory]
    [InlineData("""{"platform":"Amazon","name":"A","credentials":{"appKey":"k","appSecret":"s","shopId":"1","accessToken":"t"}}""", "platform")]
    [InlineData("""{"platform":"Pos","name":"A","credentials":{"appKey":"k","appSecret":"s","shopId":"1","accessToken":"t"}}""", "platform")]
    [InlineData("""{"platform":"Shopee","name":"","credentials":{"appKey":"k","appSecret":"s","shopId":"1","accessToken":"t"}}""", "name")]
    [InlineData("""{"platform":"Shopee","name":"A"}""", "credentials")]
    [InlineData("""{"platform":"Shopee","name":"A","credentials":{"appKey":"k","shopId":"1","accessToken":"t"}}""", "credentials.appSecret")]
    [InlineData("""{"platform":"Shopee","name":"A","syncIntervalSeconds":0,"credentials":{"appKey":"k","appSecret":"s","shopId":"1","accessToken":"t"}}""", "syncIntervalSeconds")]
    [InlineData("""{"platform":"Shopee","name":"A","syncIntervalSeconds":"often"}""", "$.syncIntervalSeconds")]
    public async Task Bad_connect_requests_name_the_field_and_create_nothing(string body, string field)
    {
        var before = await CountAsync();

        var response = await _client.PostAsync("/api/platform-accounts", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task The_api_needs_the_platforms_manage_permission_and_unknown_accounts_are_404()
    {
        var reader = fixture.Api.CreateClientWithPermissions(Permissions.OrdersRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/platform-accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/platform-accounts/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Api.CreateClient().PostAsync($"/webhooks/amazon/{Guid.NewGuid()}", new StringContent("{}"))).StatusCode);
    }

    private async Task<int> CountAsync() =>
        (await _client.GetFromJsonAsync<JsonElement>("/api/platform-accounts")).GetProperty("items").GetArrayLength();
}
