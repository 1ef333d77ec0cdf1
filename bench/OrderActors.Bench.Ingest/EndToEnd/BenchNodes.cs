using System.Diagnostics;
using System.Security.Cryptography;
using OrderActors.MarketplaceSim;
using OrderActors.Testing;

namespace OrderActors.Bench.Ingest.EndToEnd;

/// <summary>
/// The system under test as real processes on loopback: one api-host in embedded mode (SQLite), or, in cluster
/// mode on MariaDB, a silo plus an api-host (an Orleans client). Both are pointed at the simulator's platform APIs,
/// with the connectors' client-side rate limits lifted (the simulator is not the platform being protected).
/// </summary>
public sealed class BenchNodes : IAsyncDisposable
{
    public const string AdminEmail = "bench-admin@example.com";
    public const string AdminPassword = "Maple-Orbit-42-Lantern!";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly List<DotnetProcess> _processes;
    private readonly Func<Dictionary<string, string?>>? _clusterEnvironment;

    private BenchNodes(string baseUrl, IEnumerable<DotnetProcess> processes, Func<Dictionary<string, string?>>? clusterEnvironment = null)
    {
        BaseUrl = baseUrl;
        _processes = [.. processes];
        _clusterEnvironment = clusterEnvironment;
    }

    public string BaseUrl { get; }

    public static async Task<BenchNodes> StartEmbeddedAsync(RunningSimulator simulator)
    {
        var env = Common(simulator);
        env["OrderActors__Mode"] = "Embedded";
        env["OrderActors__DataDirectory"] = Directory.CreateTempSubdirectory("oa-bench-e2e-").FullName;
        env["OrderActors__SiloPort"] = FreePort.Next().ToString();
        env["OrderActors__GatewayPort"] = FreePort.Next().ToString();
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var api = DotnetProcess.Start("api-host", RepositoryLayout.ApiHostDll, env, "--urls", baseUrl);
        var nodes = new BenchNodes(baseUrl, [api]);
        await api.WaitForHttpOkAsync(baseUrl + "/health/ready", StartTimeout);
        return nodes;
    }

    /// <param name="applyWebhooks">False: the api-host only receives and stores webhooks (see <see cref="StartApplierAsync"/>).</param>
    public static async Task<BenchNodes> StartClusterAsync(RunningSimulator simulator, string connectionString, bool applyWebhooks = true)
    {
        var clusterId = $"bench-{Guid.NewGuid():N}"[..16];
        Dictionary<string, string?> Env()
        {
            var env = Common(simulator);
            env["OrderActors__Mode"] = "Cluster";
            env["OrderActors__ClusterId"] = clusterId;
            env["OrderActors__ServiceId"] = clusterId;
            env["ConnectionStrings__OrderActors"] = connectionString;
            return env;
        }
        var migrate = DotnetProcess.Start("migrate", RepositoryLayout.SiloDll, Env(), "migrate");
        if (await migrate.WaitForExitAsync(StartTimeout) != 0)
        {
            throw migrate.Failure("migration failed");
        }
        var siloEnv = Env();
        siloEnv["OrderActors__SiloPort"] = FreePort.Next().ToString();
        siloEnv["OrderActors__GatewayPort"] = FreePort.Next().ToString();
        siloEnv["OrderActors__AdvertisedAddress"] = "127.0.0.1";
        var siloUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var silo = DotnetProcess.Start("silo", RepositoryLayout.SiloDll, siloEnv, "--urls", siloUrl);
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var apiEnv = Env();
        apiEnv["Marketplaces__ApplyWebhooks"] = applyWebhooks ? "true" : "false";
        var api = DotnetProcess.Start("api-host", RepositoryLayout.ApiHostDll, apiEnv, "--urls", baseUrl);
        var nodes = new BenchNodes(baseUrl, [silo, api], Env);
        await Task.WhenAll(silo.WaitForHttpOkAsync(siloUrl + "/health/ready", StartTimeout), api.WaitForHttpOkAsync(baseUrl + "/health/ready", StartTimeout));
        return nodes;
    }

    /// <summary>Cluster mode: starts a second api-host that applies the stored webhooks (its HTTP endpoint is not used).</summary>
    public async Task StartApplierAsync()
    {
        var env = _clusterEnvironment?.Invoke() ?? throw new InvalidOperationException("Only a cluster has room for a second api-host.");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var applier = DotnetProcess.Start("api-host-applier", RepositoryLayout.ApiHostDll, env, "--urls", url);
        _processes.Add(applier);
        await applier.WaitForHttpOkAsync(url + "/health/ready", StartTimeout);
    }

    private static Dictionary<string, string?> Common(RunningSimulator simulator) => new()
    {
        ["OrderActors__Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["OrderActors__Bootstrap__AdminEmail"] = AdminEmail,
        ["OrderActors__Bootstrap__AdminPassword"] = AdminPassword,
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["Marketplaces__ShopeeBaseUrl"] = simulator.ShopeeBaseUrl,
        ["Marketplaces__LazadaApiUrl"] = simulator.LazadaApiUrl,
        ["Marketplaces__LazadaAuthUrl"] = simulator.LazadaAuthUrl,
        ["Marketplaces__ShopifyShopUrl"] = $"{simulator.BaseUrl}/shopify/{{shop}}",
        ["Marketplaces__TikTokShopApiUrl"] = $"{simulator.BaseUrl}/tiktok",
        ["Marketplaces__TikTokShopAuthUrl"] = $"{simulator.BaseUrl}/tiktok-auth",
        ["Marketplaces__RequestsPerSecond__Shopee"] = "100000",
        ["Marketplaces__RequestsPerSecond__Lazada"] = "100000",
        ["Marketplaces__RequestsPerSecond__Shopify"] = "100000",
        ["Marketplaces__RequestsPerSecond__TikTokShop"] = "100000",
    };

    /// <summary>CPU time used so far by every process of the node, and their combined working set now.</summary>
    public (TimeSpan Cpu, long WorkingSetBytes) Sample()
    {
        var cpu = TimeSpan.Zero;
        long memory = 0;
        foreach (var node in _processes.Where(p => !p.HasExited))
        {
            using var process = Process.GetProcessById(node.Id);
            process.Refresh();
            cpu += process.TotalProcessorTime;
            memory += process.WorkingSet64;
        }
        return (cpu, memory);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            // Kept for reading after the run: a node's own log is the only place a failure inside it shows.
            var log = Path.Combine(Path.GetTempPath(), $"orderactors-bench-{process.Name}.log");
            await File.WriteAllTextAsync(log, process.Tail(200_000));
            Console.WriteLine($"{process.Name} log: {log}");
            await process.DisposeAsync();
        }
    }
}
