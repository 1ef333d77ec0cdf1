using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MySqlConnector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrderActors.ApiHost.Security;
using OrderActors.Hosting;
using OrderActors.Identity;
using OrderActors.IntegrationTests.Infrastructure;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Identity;

/// <summary>
/// Two api-hosts in cluster mode on one MariaDB database (and one Orleans silo) accept each other's tokens and cookies,
/// and a sign-out on one is honoured by the other (at once, or within the session-check cache duration when the other
/// had checked that session just before): the signing key, the Data Protection key ring, users and sessions all live
/// in the shared database. No signing key is configured; the first host generates and stores it.
/// </summary>
public sealed class ClusterTokenSharingTests : IAsyncLifetime
{
    private readonly string _clusterId = $"identity-it-{Guid.NewGuid():N}"[..24];
    private IHost? _silo;
    private ClusterApiFactory? _hostA;
    private ClusterApiFactory? _hostB;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        _connectionString = await server.CreateDatabaseAsync("identity_cluster");
        // One real silo on loopback (the embedded node's silo configuration and services) for both api-hosts.
        var siloOptions = new OrderActorsOptions
        {
            Mode = RunMode.Embedded, ClusterId = _clusterId, ServiceId = _clusterId, SiloPort = FreePort.Next(), GatewayPort = FreePort.Next(),
            DataDirectory = Path.Combine(Path.GetTempPath(), $"oa-idc-{Guid.NewGuid():N}"),
        };
        _silo = Host.CreateDefaultBuilder()
            .ConfigureServices((context, services) => services.AddOrderActorsCore(context.Configuration, siloOptions))
            .UseOrleans(silo => silo.ConfigureOrderActorsSilo(siloOptions, null))
            .Build();
        await _silo.Services.WaitForDatabaseAndMigrateAsync();
        await _silo.StartAsync();
        var gateway = new IPEndPoint(IPAddress.Loopback, siloOptions.GatewayPort);
        _hostA = new ClusterApiFactory(_connectionString, gateway, _clusterId);
        _hostB = new ClusterApiFactory(_connectionString, gateway, _clusterId);
        _ = _hostA.Services;
        _ = _hostB.Services;
    }

    [Fact]
    public async Task Tokens_cookies_and_sign_outs_from_one_api_host_are_honoured_by_the_other()
    {
        using var a = _hostA!.CreateClient();
        using var b = _hostB!.CreateClient();

        var signIn = await a.SignInAsync(ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var tokens = await signIn.ReadJsonAsync();
        var access = tokens.GetProperty("accessToken").GetString()!;
        var refresh = tokens.GetProperty("refreshToken").GetString()!;

        using var bearerOnB = _hostB.CreateClient().WithBearer(access);
        var me = await bearerOnB.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(ApiFactory.AdminEmail, (await me.ReadJsonAsync()).GetProperty("email").GetString());

        var rotated = await b.PostJsonAsync("/api/auth/refresh", new { refreshToken = refresh });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var rotatedBody = await rotated.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await a.PostJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);

        // That replay revoked the session on A; B refuses its tokens too, once its cached check of the session (read
        // by the request above) has expired: within the session-check cache duration.
        using var rotatedOnB = _hostB.CreateClient().WithBearer(rotatedBody.GetProperty("accessToken").GetString()!);
        var bound = _hostB.Services.GetRequiredService<AccessStateCache>().Duration;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await IdentityHttp.EventuallyAsync(
            async () => (await rotatedOnB.GetAsync("/api/auth/me")).StatusCode == HttpStatusCode.Unauthorized, bound + TimeSpan.FromSeconds(10)));
        Assert.True(watch.Elapsed < bound + TimeSpan.FromSeconds(3), $"B refused the revoked session only after {watch.Elapsed}; the bound is {bound}");

        // The dashboard cookie written by A is read by B (shared Data Protection key ring), and a sign-out on B ends it on A.
        var cookieSignIn = await a.PostJsonAsync("/api/auth/cookie", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.NoContent, cookieSignIn.StatusCode);
        var cookie = cookieSignIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SecuritySchemes.CookieName, StringComparison.Ordinal)).Split(';')[0];
        using var cookieOnB = _hostB.CreateClient();
        cookieOnB.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await cookieOnB.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await cookieOnB.PostAsync("/api/auth/cookie/sign-out", null)).StatusCode);
        using var cookieOnA = _hostA.CreateClient();
        cookieOnA.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookieOnA.GetAsync("/api/auth/me")).StatusCode);

        await using var db = new MySqlConnection(_connectionString);
        await db.OpenAsync();
        await using var count = new MySqlCommand($"SELECT COUNT(*) FROM installation_secrets WHERE name = '{SigningKeyProvider.SecretName}'", db);
        Assert.Equal(1L, Convert.ToInt64(await count.ExecuteScalarAsync()));
        await using var audit = new MySqlCommand("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.refresh_reuse'", db);
        Assert.Equal(1L, Convert.ToInt64(await audit.ExecuteScalarAsync()));
    }

    public async Task DisposeAsync()
    {
        if (_hostA is not null)
        {
            await _hostA.DisposeAsync();
        }
        if (_hostB is not null)
        {
            await _hostB.DisposeAsync();
        }
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
    }
}
