using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Infrastructure;

/// <summary>
/// The real api-host in embedded mode (co-hosted silo, SQLite file in a temporary data directory) on the test server.
/// Each factory gets its own silo and gateway ports, because xunit runs test classes in parallel.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"oa-it-{Guid.NewGuid():N}");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OrderActors:Mode"] = "Embedded",
        ["OrderActors:DataDirectory"] = DataDirectory,
        ["OrderActors:SiloPort"] = FreePort.Next().ToString(),
        ["OrderActors:GatewayPort"] = FreePort.Next().ToString(),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client whose bearer token is issued by the host itself and carries exactly these permissions.</summary>
    public HttpClient CreateClientWithPermissions(params string[] permissions)
    {
        var issuer = Services.GetRequiredService<TokenIssuer>();
        var (token, _) = issuer.Issue($"test-{Guid.NewGuid():N}", "Test User", permissions);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
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
