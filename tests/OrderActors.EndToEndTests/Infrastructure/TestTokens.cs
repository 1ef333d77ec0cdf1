using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrderActors.EndToEndTests.Infrastructure;

/// <summary>
/// Sign-in for api-host processes started with <see cref="Environment"/>: the first administrator is created from
/// the bootstrap settings, and a test signs in through the real <c>POST /api/auth/token</c>.
/// </summary>
public static class TestTokens
{
    public const string AdminEmail = "e2e-admin@example.com";
    public const string AdminPassword = "Kiwi-Lantern-7-Harbor!";

    public static IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>
    {
        ["OrderActors__Bootstrap__AdminEmail"] = AdminEmail,
        ["OrderActors__Bootstrap__AdminPassword"] = AdminPassword,
    };

    /// <summary>Signs in as the bootstrap administrator and sets the bearer token on <paramref name="http"/>.</summary>
    public static async Task SignInAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { email = AdminEmail, password = AdminPassword });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Sign-in failed with {(int)response.StatusCode}: {body}");
        }
        var token = JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}
