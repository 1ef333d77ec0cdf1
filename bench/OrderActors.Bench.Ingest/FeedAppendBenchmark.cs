using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderActors.Database;
using OrderActors.Events;
using OrderActors.Testing;

namespace OrderActors.Bench.Ingest;

/// <summary>Appenders call the real feed grain (in-process silo) as fast as it answers, for a fixed time.</summary>
public static class FeedAppendBenchmark
{
    public static async Task<string> RunAsync(SqlDialect dialect, BenchSettings settings)
    {
        var database = dialect == SqlDialect.MySql
            ? new ReadModelDatabase(SqlDialect.MySql, await (await MariaDbServer.GetSharedAsync()).CreateDatabaseAsync("bench_feed"))
            : new ReadModelDatabase(SqlDialect.Sqlite, ReadModelDatabase.SqliteConnectionString(Path.Combine(Directory.CreateTempSubdirectory("oa-bench-").FullName, "feed.db")));

        var raw = await RawSingleWriterAsync(database);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOrderActorsEvents(builder.Configuration);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort.Next(), FreePort.Next())
            .AddMemoryGrainStorageAsDefault()
            .AddMemoryGrainStorage("PubSubStore")
            .UseInMemoryReminderService());
        using var host = builder.Build();
        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        await host.StartAsync();
        try
        {
            var feed = host.Services.GetRequiredService<IClusterClient>().GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);
            await feed.Append([NewEvent()]);

            var latencies = new ConcurrentBag<double>();
            var clock = Stopwatch.StartNew();
            var appenders = Enumerable.Range(0, settings.Appenders).Select(_ => Task.Run(async () =>
            {
                while (clock.Elapsed < settings.Duration)
                {
                    var started = Stopwatch.GetTimestamp();
                    await feed.Append([NewEvent()]);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            })).ToList();
            await Task.WhenAll(appenders);
            var elapsed = clock.Elapsed.TotalSeconds;

            var head = await feed.GetHead();
            var contiguous = (await new SqlEventLog(database).ReadAsync(0, int.MaxValue)).Select(e => e.Position).SequenceEqual(Enumerable.Range(1, (int)head).Select(i => (long)i));
            return $"Feed append [{dialect}], {settings.Appenders} concurrent appenders x 1 event, {elapsed:F1} s: " +
                   $"{latencies.Count / elapsed:F0} events/s; append latency {Percentiles.Describe(latencies)}; " +
                   $"positions 1..{head} contiguous: {contiguous}. Baseline, one writer straight to the log (no Orleans, one event per transaction): {raw}";
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>What the database alone gives one sequential writer: the cost of one durable commit right now.</summary>
    private static async Task<string> RawSingleWriterAsync(ReadModelDatabase database)
    {
        await new SchemaMigrator(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var log = new SqlEventLog(database);
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await log.AppendAsync([NewEvent()], DateTimeOffset.UtcNow);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return $"{latencies.Count / clock.Elapsed.TotalSeconds:F0} commits/s, {Percentiles.Describe(latencies)}";
    }

    // About the size of an OrderReceived payload a client renders.
    private static readonly string Payload =
        $$"""{"platform":"Shopify","platformOrderId":"1001","customer":"Siti Rahman","currency":"MYR","grandTotal":84.80,"items":[{"sku":"TEE-RED-M","name":"Red tee M","quantity":2}],"note":"{{new string('x', 300)}}"}""";

    private static FeedEvent NewEvent() => new()
    {
        EventId = Guid.NewGuid(),
        Type = FeedEventTypes.OrderReceived,
        OccurredAt = DateTimeOffset.UtcNow,
        RequiredPermission = "orders.read",
        Platform = "Shopify",
        OrderId = Guid.NewGuid(),
        Payload = Payload,
    };
}
