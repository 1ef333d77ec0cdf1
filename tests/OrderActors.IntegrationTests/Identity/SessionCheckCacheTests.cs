using System.Diagnostics;
using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Database;
using OrderActors.Identity;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

/// <summary>
/// The per-request session check is cached per session. Every test first makes a request, so the session's check is
/// in the cache, then changes something through the api-host and expects the very next request to see the change.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class SessionCheckCacheTests(ApiFactory factory)
{
    [Fact]
    public async Task A_logout_refuses_the_cached_session_on_the_next_request()
    {
        var (_, email) = await factory.CreateUserAsync([BuiltInRoles.Manager]);
        var (access, refresh) = await factory.SignInTokensAsync(email);
        using var client = factory.CreateClient().WithBearer(access);
        await AssertCachedAsync(client);

        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostJsonAsync("/api/auth/logout", new { refreshToken = refresh })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_refuses_the_cached_session_on_the_next_request()
    {
        var (id, email) = await factory.CreateUserAsync([BuiltInRoles.Manager]);
        var (access, _) = await factory.SignInTokensAsync(email);
        using var client = factory.CreateClient().WithBearer(access);
        await AssertCachedAsync(client);

        using var admin = factory.CreateAdminClient();
        var disable = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/users/{id}") { Content = IdentityHttp.Json("""{"disabled":true}""") });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_change_refuses_the_cached_session_on_the_next_request()
    {
        var (_, email) = await factory.CreateUserAsync([BuiltInRoles.Manager]);
        var (access, _) = await factory.SignInTokensAsync(email);
        using var client = factory.CreateClient().WithBearer(access);
        await AssertCachedAsync(client);

        var change = await client.PostJsonAsync("/api/auth/password", new { currentPassword = IdentityHttp.StrongPassword, newPassword = "another-long-passphrase-for-tests-9" });
        Assert.True(change.IsSuccessStatusCode, $"password change answered {change.StatusCode}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Role_and_permission_changes_apply_to_the_next_request()
    {
        var role = $"cache-{Guid.NewGuid():N}"[..20];
        using var admin = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await PutRoleAsync(admin, role, Permissions.OrdersRead)).StatusCode);
        var (id, email) = await factory.CreateUserAsync([role]);
        var (access, _) = await factory.SignInTokensAsync(email);
        using var client = factory.CreateClient().WithBearer(access);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/orders?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/orders?limit=1")).StatusCode);

        // The role loses the permission: every holder loses it at once.
        Assert.Equal(HttpStatusCode.OK, (await PutRoleAsync(admin, role, Permissions.AuditRead)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/orders?limit=1")).StatusCode);

        // The user gets a role that has it: at once again.
        var update = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/users/{id}") { Content = IdentityHttp.Json($$"""{"roles":["{{role}}","{{BuiltInRoles.Manager}}"]}""") });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/orders?limit=1")).StatusCode);
    }

    [Fact]
    public async Task A_revocation_written_by_another_api_host_is_honoured_within_the_cache_duration()
    {
        var bound = factory.Services.GetRequiredService<AccessStateCache>().Duration;
        Assert.InRange(bound, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
        var (_, email) = await factory.CreateUserAsync([BuiltInRoles.Manager]);
        var (access, _) = await factory.SignInTokensAsync(email);
        using var client = factory.CreateClient().WithBearer(access);
        await AssertCachedAsync(client);

        // Another api-host revokes the session: only the database changes, this host's cache is not told.
        var database = factory.Services.GetRequiredService<ReadModelDatabase>();
        await using (var c = await database.OpenAsync())
        {
            var sessionId = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ReadJsonWebToken(access).GetClaim(SecurityClaims.Session).Value;
            Assert.Equal(1, await c.ExecuteAsync("UPDATE identity_sessions SET revoked_at = @now WHERE id = @sessionId",
                new { sessionId, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }));
        }
        var watch = Stopwatch.StartNew();
        var refused = await IdentityHttp.EventuallyAsync(
            async () => (await client.GetAsync("/api/auth/me")).StatusCode == HttpStatusCode.Unauthorized, bound + TimeSpan.FromSeconds(10));

        Assert.True(refused, "the revoked session was still accepted long after the cache duration");
        // Generous for a loaded machine, but a cache that ignored its duration (or the session's end) would fail it.
        Assert.True(watch.Elapsed < bound + TimeSpan.FromSeconds(3), $"refused only after {watch.Elapsed}, the bound is {bound}");
    }

    private static async Task AssertCachedAsync(HttpClient client)
    {
        // Two requests: the first reads and caches the session's check, the second is answered from the cache.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    private static Task<HttpResponseMessage> PutRoleAsync(HttpClient admin, string role, string permission) =>
        admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/roles/{role}")
        {
            Content = IdentityHttp.Json($$"""{"description":"cache test","permissions":["{{permission}}"]}"""),
        });
}
