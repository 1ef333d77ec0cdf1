using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using OrderActors.Bench.Marketplaces;
using OrderActors.Hosting;
using OrderActors.Marketplaces;
using OrderActors.MarketplaceSim;
using OrderActors.Orders;
using OrderActors.Testing;
using OrderActors.Workflows;

// Marketplace benchmark, bounded in size: the simulator in-process on loopback, one cluster-mode silo in-process with
// grain state, reminders and membership in a private MariaDB, and a real api-host process (cluster client) for webhooks.
//   1. sync throughput of one account per platform, then of 20 accounts (5 per platform) at once: connect -> backfill
//      (list pages, details, token use) -> every order upserted into its order grain (state written to MariaDB);
//   2. webhook receive latency: signed deliveries POSTed over HTTP to /webhooks/{platform}/{accountId}, timed from
//      send to the 200 (signature checked by the account grain, delivery stored in the inbox before the answer).
// Usage: OrderActors.Bench.Marketplaces [ordersPerAccount=300] [accounts=20] [webhooks=400] [webhooksPerSecond=20]
var ordersPerAccount = args.Length > 0 ? int.Parse(args[0]) : 300;
var accounts = args.Length > 1 ? int.Parse(args[1]) : 20;
var webhooks = args.Length > 2 ? int.Parse(args[2]) : 400;
var webhookRate = args.Length > 3 ? double.Parse(args[3]) : 20;
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average {LoadAverage()}");
Console.WriteLine($"Settings: {ordersPerAccount} orders per account, {accounts} accounts at once, {webhooks} webhooks at {webhookRate}/s");

await using var mariaDb = await MariaDbServer.GetSharedAsync();
var connectionString = new MySqlConnectionStringBuilder(await mariaDb.CreateDatabaseAsync("bench_mp")) { DefaultCommandTimeout = 120 }.ConnectionString;
await using var simulator = await SimulatorHost.StartAsync(new SimulatorSettings());
var options = new OrderActorsOptions
{
    Mode = RunMode.Cluster,
    ClusterId = $"bench-{Guid.NewGuid():N}",
    ServiceId = $"bench-{Guid.NewGuid():N}",
    SiloPort = FreePort.Next(),
    GatewayPort = FreePort.Next(),
};

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var settings = new Dictionary<string, string?> { [$"ConnectionStrings:{OrderActorsOptions.ConnectionStringName}"] = connectionString };
foreach (var (key, value) in simulator.ConnectorSettings)
{
    settings[key] = value;
}
builder.Configuration.AddInMemoryCollection(settings);
builder.Services.AddOrderActorsCore(builder.Configuration, options);
builder.UseOrleans(silo => silo.ConfigureOrderActorsSilo(options, connectionString));
using var silo = builder.Build();
await silo.Services.WaitForDatabaseAndMigrateAsync();
await silo.StartAsync();
var grains = silo.Services.GetRequiredService<IGrainFactory>();

// Built-in flows would start an instance on every new order; this measures the sync path into the order grains.
foreach (var flow in await grains.GetGrain<IFlowCatalogGrain>(0).List())
{
    await grains.GetGrain<IProcessFlowGrain>(flow.Id).SetActive(false);
}

SourcePlatform[] platforms = [SourcePlatform.Shopee, SourcePlatform.Lazada, SourcePlatform.Shopify, SourcePlatform.TikTokShop];
var single = new List<(BenchShop Shop, Guid AccountId)>();
foreach (var platform in platforms)
{
    var shop = BenchShop.Create(simulator, platform, 0, ordersPerAccount);
    var (accountId, elapsed) = await SyncBenchmark.ConnectAndBackfillAsync(grains, [shop]);
    single.Add((shop, accountId[0]));
    Console.WriteLine($"sync, one {platform} account: {ordersPerAccount} orders in {elapsed.TotalSeconds:F1} s = {ordersPerAccount / elapsed.TotalSeconds:F0} orders/s (load average {LoadAverage()})");
}

var many = Enumerable.Range(0, accounts).Select(i => BenchShop.Create(simulator, platforms[i % platforms.Length], i + 1, ordersPerAccount)).ToList();
var (_, manyElapsed) = await SyncBenchmark.ConnectAndBackfillAsync(grains, many);
var total = accounts * ordersPerAccount;
Console.WriteLine($"sync, {accounts} accounts at once ({accounts / platforms.Length} per platform): {total} orders in {manyElapsed.TotalSeconds:F1} s = {total / manyElapsed.TotalSeconds:F0} orders/s (load average {LoadAverage()})");

Console.WriteLine(await WebhookBenchmark.RunAsync(connectionString, options, single, webhooks, webhookRate));
Console.WriteLine($"load average at the end {LoadAverage()}");
await silo.StopAsync(TimeSpan.FromSeconds(10));
return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
