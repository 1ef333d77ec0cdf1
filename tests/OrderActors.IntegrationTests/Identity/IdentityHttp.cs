using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

/// <summary>Small HTTP helpers for the identity tests: everything goes through the real endpoints.</summary>
public static class IdentityHttp
{
    public const string StrongPassword = "a-long-and-unusual-passphrase-7";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsync(url, Json(JsonSerializer.Serialize(body, JsonSerializerOptions.Web)));

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, string? code = null) =>
        client.PostJsonAsync("/api/auth/token", new { email, password, code });

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static HttpClient WithBearer(this HttpClient client, string accessToken)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static HttpClient CreateAdminClient(this ApiFactory factory) => factory.CreateClientWithPermissions([.. Permissions.All]);

    /// <summary>Creates a user through POST /api/users and returns its id and email.</summary>
    public static async Task<(string Id, string Email)> CreateUserAsync(this ApiFactory factory, string[] roles, string password = StrongPassword)
    {
        var email = $"u{Guid.NewGuid():N}@shop.test";
        using var admin = factory.CreateAdminClient();
        var response = await admin.PostJsonAsync("/api/users", new { email, displayName = "Someone", password, roles });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.ReadJsonAsync()).GetProperty("id").GetString()!, email);
    }

    public static async Task<(string AccessToken, string RefreshToken)> SignInTokensAsync(this ApiFactory factory, string email, string password = StrongPassword, string? code = null)
    {
        using var client = factory.CreateClient();
        var response = await client.SignInAsync(email, password, code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    public static async Task<IReadOnlyList<JsonElement>> AuditAsync(this ApiFactory factory, string query)
    {
        using var auditor = factory.CreateClientWithPermissions(Permissions.AuditRead);
        var page = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit?{query}");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static async Task<int> CountUsersAsync(this ApiFactory factory) =>
        (await factory.Services.GetRequiredService<UserStore>().ListAsync()).Count;

    /// <summary>Polls until the condition holds or the deadline passes; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(200);
        }
        return await condition();
    }
}
