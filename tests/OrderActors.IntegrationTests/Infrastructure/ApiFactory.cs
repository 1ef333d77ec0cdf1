using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Infrastructure;

/// <summary>
/// The real api-host in embedded mode (co-hosted silo, SQLite file in a temporary data directory) on the test server.
/// Each factory gets its own silo and gateway ports, because xunit runs test classes in parallel.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@orderactors.test";
    public const string AdminPassword = "correct-horse-battery-staple-42";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"oa-it-{Guid.NewGuid():N}");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OrderActors:Mode"] = "Embedded",
        ["OrderActors:DataDirectory"] = DataDirectory,
        ["OrderActors:SiloPort"] = FreePort.Next().ToString(),
        ["OrderActors:GatewayPort"] = FreePort.Next().ToString(),
        ["OrderActors:Bootstrap:AdminEmail"] = AdminEmail,
        ["OrderActors:Bootstrap:AdminPassword"] = AdminPassword,
        // Every test request comes from the same (absent) client address; the sign-in limit has its own tests.
        ["OrderActors:Security:SignInPermitsPerMinute"] = "100000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// A client signed in as a new user (stored like any other) whose only role grants exactly these permissions;
    /// its bearer token is issued by the host's own sign-in service.
    /// </summary>
    public HttpClient CreateClientWithPermissions(params string[] permissions)
    {
        var token = Task.Run(() => IssueTokenForNewUserAsync(permissions)).GetAwaiter().GetResult().AccessToken;
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user holding a fresh custom role with exactly these permissions and starts a session for it.</summary>
    public async Task<AuthTokens> IssueTokenForNewUserAsync(IReadOnlyCollection<string> permissions)
    {
        var id = Guid.NewGuid().ToString("N");
        var role = $"test-{id}";
        await Services.GetRequiredService<RoleStore>().UpsertAsync(new RoleDefinition(role, "test caller", false, permissions.ToList()));
        var users = Services.GetRequiredService<UserStore>();
        await users.CreateAsync(id, $"{id}@users.test", "Test User", null, [role]);
        var user = await users.FindByIdAsync(id) ?? throw new InvalidOperationException("The test user was not stored.");
        return await Services.GetRequiredService<SignInService>().StartTokenSessionAsync(user, null, CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
