using System.Net;
using OrderActors.ApiHost.Security;

namespace OrderActors.IntegrationTests.Identity;

public sealed class IdleTimeoutTests(ShortSessionFactory factory) : IClassFixture<ShortSessionFactory>
{
    [Fact]
    public async Task Refreshing_keeps_a_session_alive_and_an_idle_session_ends()
    {
        var tokens = await factory.IssueTokenForNewUserAsync([Permissions.OrdersRead]);
        using var client = factory.CreateClient();

        var refreshed = await client.PostJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var next = (await refreshed.ReadJsonAsync()).GetProperty("refreshToken").GetString()!;

        var idleUntil = DateTime.UtcNow.AddSeconds(4);
        Assert.True(await IdentityHttp.EventuallyAsync(() => Task.FromResult(DateTime.UtcNow > idleUntil), TimeSpan.FromSeconds(10)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/auth/refresh", new { refreshToken = next })).StatusCode);
    }
}
