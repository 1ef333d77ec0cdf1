using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;

namespace OrderActors.IntegrationTests.Identity;

public sealed class LimitsTests(StrictLimitsFactory factory) : IClassFixture<StrictLimitsFactory>
{
    [Fact]
    public async Task An_access_token_stops_working_when_it_expires()
    {
        using var warmUp = factory.CreateClient();
        await warmUp.GetAsync("/api/orders?limit=1");
        var tokens = await factory.IssueTokenForNewUserAsync([Permissions.OrdersRead]);
        using var client = factory.CreateClient().WithBearer(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/orders?limit=1")).StatusCode);
        Assert.True(tokens.ExpiresAt < DateTimeOffset.UtcNow.AddSeconds(10));
        Assert.True(await IdentityHttp.EventuallyAsync(
            async () => (await client.GetAsync("/api/orders?limit=1")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(15)));
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
        // Keys are made through the store here: this host's 4-second access tokens would make an admin client flaky.
        var keys = factory.Services.GetRequiredService<ApiKeyStore>();
        var (_, key) = await keys.CreateAsync("chatty integration", [Permissions.OrdersRead], "test");
        var (_, otherKey) = await keys.CreateAsync("quiet integration", [Permissions.OrdersRead], "test");
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
        using var other = factory.CreateClient();
        other.DefaultRequestHeaders.Add(SecuritySchemes.ApiKeyHeader, otherKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/orders?limit=1")).StatusCode);
    }
}
