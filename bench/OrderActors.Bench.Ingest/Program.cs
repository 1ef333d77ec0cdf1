using System.Runtime.InteropServices;
using OrderActors.Bench.Ingest;
using OrderActors.Bench.Ingest.EndToEnd;
using OrderActors.Orders;
using OrderActors.Testing;

// Measures the real-time path, loopback only and bounded in time and count. Verbs:
//   feed    feed append throughput and latency (the single sequencer) on SQLite and on MariaDB, and SignalR fan-out
//           from feed append to N connected clients of a real api-host process (the default);
//   e2e     the end-to-end webhook benchmark: signed webhooks (Shopify full payloads, then a mix of all four
//           platforms) to an api-host in embedded mode and in cluster mode on MariaDB, SignalR clients timing
//           webhook-sent -> OrderReceived, and the raw MariaDB upsert limit at the same concurrency;
//   fanout  SignalR fan-out only (e.g. --connections 5000 --rate 100).
// Options: [--appenders 32] [--seconds 10] [--connections 200] [--rate 50] [--dialects Sqlite,MySql] [--modes Embedded,Cluster]
//          [--e2e-rate 1000] (e2e: pace the senders at this many webhooks/s instead of closed loop)
//          [--receive-only] (e2e, cluster: the api-host only acknowledges; an applying api-host drains afterwards)
var verb = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !char.IsDigit(a[0]) && !a.Contains(',')) ?? "feed";
var settings = BenchSettings.Parse(args);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"Started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}");
Console.WriteLine($"Verb: {verb}; settings: {settings}");

switch (verb)
{
    case "e2e":
        await EndToEndAsync(settings, E2eRate(args));
        break;
    case "fanout":
        Console.WriteLine(await FanOutBenchmark.RunAsync(settings));
        break;
    default:
        foreach (var dialect in settings.Dialects)
        {
            Console.WriteLine(await FeedAppendBenchmark.RunAsync(dialect, settings));
        }
        Console.WriteLine(await FanOutBenchmark.RunAsync(settings));
        break;
}
Console.WriteLine($"Finished {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}");
return 0;

static double? E2eRate(string[] args) =>
    args.SkipWhile(a => a != "--e2e-rate").Skip(1).FirstOrDefault() is { } text && double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var rate) && rate > 0
        ? Math.Min(rate, 5000)
        : null;

static async Task EndToEndAsync(BenchSettings settings, double? rate)
{
    var paced = rate is { } r ? $", paced at {r:F0}/s" : "";
    SourcePlatform[] shopify = [SourcePlatform.Shopify];
    SourcePlatform[] mix = [SourcePlatform.Shopify, SourcePlatform.Shopee, SourcePlatform.Lazada, SourcePlatform.TikTokShop];
    var results = new List<WebhookLoadBenchmark.Result>();
    if (settings.ReceiveOnly)
    {
        paced += ", receive-only api-host";
    }
    if (settings.Modes.Contains("Embedded") && !settings.ReceiveOnly)
    {
        foreach (var (label, platforms) in new[] { ("Shopify", shopify), ("mix", mix) })
        {
            results.Add(await Report(WebhookLoadBenchmark.RunAsync($"Embedded (SQLite), {label}{paced}", BenchNodes.StartEmbeddedAsync, platforms, settings, rate)));
        }
    }
    if (!settings.Modes.Contains("Cluster"))
    {
        return;
    }
    var server = await MariaDbServer.GetSharedAsync();
    var clusterResults = new List<WebhookLoadBenchmark.Result>();
    string? lastDatabase = null;
    foreach (var (label, platforms) in new[] { ("Shopify", shopify), ("mix", mix) })
    {
        var database = await server.CreateDatabaseAsync("bench_e2e");
        lastDatabase = database;
        clusterResults.Add(await Report(WebhookLoadBenchmark.RunAsync($"Cluster (1 silo + api-host, MariaDB), {label}{paced}", s => BenchNodes.StartClusterAsync(s, database, applyWebhooks: !settings.ReceiveOnly), platforms, settings, rate)));
    }
    var payload = clusterResults.Max(r => r.PayloadBytes);
    var raw = await RawUpsertBaseline.RunAsync(lastDatabase!, settings.Appenders, payload, TimeSpan.FromSeconds(Math.Min(settings.Duration.TotalSeconds, 15)));
    Console.WriteLine(raw);
    foreach (var result in clusterResults.Concat(results))
    {
        Console.WriteLine($"Ratio {result.Name}: {result.OrdersPerSecond:F0} / {raw.UpsertsPerSecond:F0} = {result.OrdersPerSecond / raw.UpsertsPerSecond:F2} (target >= 0.5)");
    }
}

static async Task<WebhookLoadBenchmark.Result> Report(Task<WebhookLoadBenchmark.Result> run)
{
    var result = await run;
    Console.WriteLine(result);
    return result;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
