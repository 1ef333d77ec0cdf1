using OrderActors.Testing;

using OrderActors.EndToEndTests.Infrastructure;

namespace OrderActors.EndToEndTests.Cluster;

/// <summary>
/// Starts the real built silo and api-host executables in cluster mode against one MariaDB database, each on
/// free ports, and kills whatever is still running when disposed. <see cref="All"/> feeds failure output.
/// </summary>
public sealed class ClusterProcesses(string connectionString) : IAsyncDisposable
{
    // Generous: on a shared 2-core machine under load a cold .NET + Orleans start has taken over a minute.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly string _clusterId = $"e2e-{Guid.NewGuid():N}"[..16];

    public List<DotnetProcess> All { get; } = [];

    public sealed record Started(DotnetProcess Process, string BaseUrl);

    /// <summary>Starts a silo; it is not waited for (see <see cref="WaitUntilReadyAsync"/>).</summary>
    public Started StartSilo(string name)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var process = DotnetProcess.Start(name, RepositoryLayout.SiloDll, CommonEnvironment(new()
        {
            ["OrderActors__SiloPort"] = FreePort.Next().ToString(),
            ["OrderActors__GatewayPort"] = FreePort.Next().ToString(),
            ["OrderActors__AdvertisedAddress"] = "127.0.0.1",
        }), "--urls", baseUrl);
        All.Add(process);
        return new Started(process, baseUrl);
    }

    public Started StartApiHost(string name = "api-host")
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var process = DotnetProcess.Start(name, RepositoryLayout.ApiHostDll, CommonEnvironment(new(TestTokens.Environment)), "--urls", baseUrl);
        All.Add(process);
        return new Started(process, baseUrl);
    }

    /// <summary><c>OrderActors.Silo migrate</c>: applies the schema and exits 0.</summary>
    public async Task MigrateAsync()
    {
        var process = DotnetProcess.Start("migrate", RepositoryLayout.SiloDll, CommonEnvironment(new()), "migrate");
        All.Add(process);
        var exitCode = await process.WaitForExitAsync(StartTimeout);
        if (exitCode != 0)
        {
            throw process.Failure($"exited with {exitCode}");
        }
    }

    public static Task WaitUntilReadyAsync(Started started) =>
        started.Process.WaitForHttpOkAsync(started.BaseUrl + "/health/ready", StartTimeout);

    private Dictionary<string, string?> CommonEnvironment(Dictionary<string, string?> extra)
    {
        extra["OrderActors__Mode"] = "Cluster";
        extra["OrderActors__ClusterId"] = _clusterId;
        extra["OrderActors__ServiceId"] = _clusterId;
        extra["ConnectionStrings__OrderActors"] = connectionString;
        return extra;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in All)
        {
            await process.DisposeAsync();
        }
    }
}
