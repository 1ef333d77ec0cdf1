using System.Net;
using OrderActors.ApiHost.Security;

namespace OrderActors.IntegrationTests.Identity;

public sealed class LimitsTests(StrictLimitsFactory factory) : IClassFixture<StrictLimitsFactory>
{
    [Fact]
    public async Task An_access_token_stops_working_when_it_expires()
    {
        var tokens = await factory.IssueTokenForNewUserAsync([Permissions.OrdersRead]);
        using var client = factory.CreateClient().WithBearer(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/orders?limit=1")).StatusCode);
        Assert.True(tokens.ExpiresAt < DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.True(await IdentityHttp.EventuallyAsync(
            async () => (await client.GetAsync("/api/orders?limit=1")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(15)));

        // The session itself lives on: the refresh token gets a new access token.
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken })).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        using var client = factory.CreateClient();
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await client.SignInAsync($"nobody{i}@shop.test", "whatever-password-1"));
        }

        var limited = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(statuses.Take(3).Concat(statuses.Skip(3)).Where(r => r.StatusCode != HttpStatusCode.TooManyRequests),
            r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must be set"));
    }

    [Fact]
    public async Task Requests_beyond_an_api_keys_limit_get_429_with_retry_after()
    {
        using var admin = factory.CreateAdminClient();
        var created = await admin.PostJsonAsync("/api/api-keys", new { name = "chatty integration", permissions = new[] { Permissions.OrdersRead } });
        var key = (await created.ReadJsonAsync()).GetProperty("key").GetString()!;
        using var machine = factory.CreateClient();
        machine.DefaultRequestHeaders.Add(SecuritySchemes.ApiKeyHeader, key);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await machine.GetAsync("/api/orders?limit=1"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], responses.Take(3).Select(r => r.StatusCode));
        Assert.All(responses.Skip(3), r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        });
        // Other callers are not affected by one key's limit.
        using var person = factory.CreateClientWithPermissions(Permissions.OrdersRead);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/api/orders?limit=1")).StatusCode);
    }
}
