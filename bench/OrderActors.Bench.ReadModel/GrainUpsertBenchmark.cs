using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Database;
using OrderActors.Hosting;
using OrderActors.IntegrationTests.Orders;
using OrderActors.Orders;
using OrderActors.ReadModel;
using OrderActors.Testing;
using Orleans.Providers;

namespace OrderActors.Bench.ReadModel;

/// <summary>
/// Order grain command throughput in one silo: new-order snapshots sent to <see cref="IOrderGrain.Upsert"/> at a given
/// concurrency. Each upsert writes the grain state (memory, the embedded SQLite file, or MariaDB through Orleans'
/// ADO.NET provider), projects the order into the read model, appends its events to the feed, runs duplicate
/// detection and hands the workflow start over. Beside it, the parts measured alone (the projection and the
/// duplicate query called directly at the same concurrency), which is where the time of an upsert goes.
/// </summary>
public static class GrainUpsertBenchmark
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public enum Storage
    {
        Memory,
        Sqlite,
        AdoNet,
    }

    /// <summary>
    /// <c>upserts N [--storage memory,sqlite,adonet] [--concurrency 16,64] [--connection "..."] [--parts] [--projection per-order] [--no-workflows] [--warmup-seconds 20]</c>: only the
    /// grain part, against a read model on the given MariaDB (migrated if empty) or on a throwaway one.
    /// </summary>
    public static async Task RunAsync(string[] args)
    {
        var upserts = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 3000;
        var storages = (Option(args, "--storage") ?? "memory,sqlite,adonet").Split(',').Select(s => Enum.Parse<Storage>(s, ignoreCase: true)).ToList();
        var concurrencies = (Option(args, "--concurrency") ?? "16,64").Split(',').Select(int.Parse).ToArray();
        var connectionString = Option(args, "--connection") is { } given
            ? new MySqlConnector.MySqlConnectionStringBuilder(given) { MaximumPoolSize = 200 }.ConnectionString
            : new MySqlConnector.MySqlConnectionStringBuilder(await (await MariaDbServer.GetSharedAsync()).CreateDatabaseAsync("upserts")) { MaximumPoolSize = 200 }.ConnectionString;
        var port = new MySqlConnector.MySqlConnectionStringBuilder(connectionString).Port;
        var database = new ReadModelDatabase(SqlDialect.MySql, connectionString);
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        Report.Line($"Grain upsert benchmark: {upserts:N0} new orders per run, storages {string.Join(", ", storages)}, concurrency {string.Join(", ", concurrencies)}; " +
                    $"{Environment.ProcessorCount} cores; load average {LoadAverage()}");
        if (args.Contains("--parts"))
        {
            await MeasurePartsAsync(database, port, upserts, concurrencies);
        }
        var perOrder = Option(args, "--projection") == "per-order";
        if (Option(args, "--warmup-seconds") is { } warmupSeconds)
        {
            WarmUp = TimeSpan.FromSeconds(double.Parse(warmupSeconds, System.Globalization.CultureInfo.InvariantCulture));
        }
        var seedBase = 5000 + (int)(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond % 100_000) * 10;
        foreach (var storage in storages)
        {
            await using var silo = await StartSiloAsync(storage, connectionString, perOrder);
            if (args.Contains("--no-workflows"))
            {
                // Ablation: what the OrderReceived workflow instance of every new order costs (not a production setting).
                foreach (var flow in (await silo.Grains.GetGrain<OrderActors.Workflows.IFlowCatalogGrain>(0).List()).Where(f => f.Trigger == OrderActors.Workflows.FlowTrigger.OrderReceived))
                {
                    await silo.Grains.GetGrain<OrderActors.Workflows.IProcessFlowGrain>(flow.Id).SetActive(false);
                }
            }
            await MeasureAsync(Label(storage) + (perOrder ? ", one projection transaction per order" : ", projection group commit") + (args.Contains("--no-workflows") ? ", no OrderReceived flow active" : ""), silo.Grains, upserts, seedBase += 1000, concurrencies, port);
        }
        Report.Line($"done; load average {LoadAverage()}");
    }

    public static string Label(Storage storage) => storage switch
    {
        Storage.Memory => "silo, grain state in memory (Orleans memory storage)",
        Storage.Sqlite => "embedded silo, grain state in its SQLite file",
        _ => "cluster silo, grain state in MariaDB (Orleans ADO.NET)",
    };

    /// <summary>Sends <paramref name="upserts"/> new orders per concurrency level and reports orders per second.</summary>
    /// <summary>How long each measured run is preceded by upserts of other new orders (<c>--warmup-seconds</c>).</summary>
    public static TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(20);

    public static async Task MeasureAsync(string label, IClusterClient grains, int upserts, int seedBase, int[] concurrencies, uint? readModelPort = null)
    {
        foreach (var concurrency in concurrencies)
        {
            var snapshots = Snapshots(upserts, seedBase + concurrency);
            // Warm-up on other orders for a while: the silo's own grains activate and, more than that, the JIT's tiers
            // settle (a profile of a run measured right after 200 orders spent a fifth of its CPU compiling).
            var warmup = Stopwatch.StartNew();
            for (var round = 0; warmup.Elapsed < WarmUp; round++)
            {
                await Parallel.ForEachAsync(Snapshots(250, seedBase + concurrency + 500 + round * 7919), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                    async (s, _) => await grains.GetGrain<IOrderGrain>(s.OrderId).Upsert(s));
            }
            var cpu = new CpuMeter(readModelPort);
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(snapshots, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (s, _) =>
            {
                var result = await grains.GetGrain<IOrderGrain>(s.OrderId).Upsert(s);
                if (result.Outcome != UpsertOutcome.Created)
                {
                    throw new InvalidOperationException($"Order {s.PlatformOrderId} was {result.Outcome}, not created: the run reuses orders.");
                }
            });
            var (own, server) = cpu.PerOperation(upserts);
            Report.Line($"grain upsert of a new order ({label}) concurrency {concurrency}: {upserts / watch.Elapsed.TotalSeconds:N0} upserts/s " +
                        $"({watch.Elapsed.TotalMilliseconds * concurrency / upserts:N1} ms each); CPU per upsert: silo {own:N2} ms" +
                        (server is { } s ? $", mariadbd {s:N2} ms" : "") + $"; load average {LoadAverage()}");
        }
    }

    private static async Task MeasurePartsAsync(ReadModelDatabase database, uint port, int count, int[] concurrencies)
    {
        var projection = new SqlOrderProjection(database);
        var finder = new SqlDuplicateFinder(database);
        foreach (var concurrency in concurrencies)
        {
            var orders = SyntheticOrders.Generate(count, seed: 900 + concurrency + (int)(DateTime.UtcNow.Ticks % 10_000) * 10, Start.AddDays(40), TimeSpan.FromDays(1)).ToList();
            var cpu = new CpuMeter(port);
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (o, ct) => await projection.ProjectAsync(o, ct));
            Report.Line($"part: projection of a new order, one transaction each, concurrency {concurrency}: {count / watch.Elapsed.TotalSeconds:N0} orders/s; {Cpu(cpu, count)}");
            var batched = SyntheticOrders.Generate(count, seed: 700 + concurrency + (int)(DateTime.UtcNow.Ticks % 10_000) * 10, Start.AddDays(40), TimeSpan.FromDays(1)).ToList();
            cpu.Restart();
            watch.Restart();
            foreach (var batch in batched.Chunk(concurrency))
            {
                await projection.ProjectManyAsync(batch);
            }
            Report.Line($"part: projection of new orders, {concurrency} per transaction (ProjectManyAsync), one writer: {count / watch.Elapsed.TotalSeconds:N0} orders/s; {Cpu(cpu, count)}");
            cpu.Restart();
            watch.Restart();
            await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (o, ct) => await finder.FindAsync(o, ct));
            Report.Line($"part: duplicate detection query, concurrency {concurrency}: {count / watch.Elapsed.TotalSeconds:N0} orders/s; {Cpu(cpu, count)}");
        }
    }

    /// <summary>A silo of the given storage whose read model is the MariaDB database <paramref name="connectionString"/>.</summary>
    public static async Task<BenchSilo> StartSiloAsync(Storage storage, string connectionString, bool projectionPerOrder = false)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"oa-upserts-{Guid.NewGuid():N}");
        var options = new OrderActorsOptions
        {
            Mode = storage == Storage.AdoNet ? RunMode.Cluster : RunMode.Embedded,
            DataDirectory = dataDirectory,
            SiloPort = FreePort.Next(),
            GatewayPort = FreePort.Next(),
            ClusterId = "bench-" + storage.ToString().ToLowerInvariant(),
            ServiceId = "bench",
        };
        if (storage != Storage.AdoNet)
        {
            // The embedded node's own file (grain state, reminders) gets its schema; the read model is the MariaDB.
            Directory.CreateDirectory(dataDirectory);
            var sqlite = new ReadModelDatabase(SqlDialect.Sqlite, ReadModelDatabase.SqliteConnectionString(options.SqliteFilePath));
            await new SchemaMigrator(sqlite, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:OrderActors"] = connectionString;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOrderActorsCore(builder.Configuration, options);
        builder.Services.RemoveAll<ReadModelDatabase>();
        builder.Services.AddSingleton(new ReadModelDatabase(SqlDialect.MySql, connectionString));
        if (projectionPerOrder)
        {
            // For comparison: every grain projects its order in its own transaction (no group commit).
            builder.Services.RemoveAll<IOrderProjection>();
            builder.Services.AddSingleton<IOrderProjection>(sp => sp.GetRequiredService<SqlOrderProjection>());
        }
        builder.UseOrleans(silo =>
        {
            silo.ConfigureOrderActorsSilo(options, connectionString);
            if (storage == Storage.Memory)
            {
                silo.AddMemoryGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
            }
        });
        var host = builder.Build();
        await host.Services.WaitForDatabaseAndMigrateAsync();
        await host.StartAsync();
        return new BenchSilo(host, dataDirectory);
    }

    private static List<OrderSnapshot> Snapshots(int count, int seed) =>
        SyntheticOrders.Generate(count, seed, Start.AddDays(40), TimeSpan.FromDays(1)).Select(o => new OrderSnapshot
        {
            OperationId = $"bench:{seed}:{o.PlatformOrderId}",
            Platform = o.Platform,
            AccountId = o.AccountId,
            PlatformOrderId = $"{o.PlatformOrderId}-{seed}",
            Customer = o.Customer,
            Items = o.Items,
            Totals = o.Totals,
            Currency = o.Currency,
            OrderDate = o.OrderDate,
            PlatformUpdatedAt = o.PlatformUpdatedAt,
            Status = o.Status,
            Actor = o.History[0].Actor,
        }).ToList();

    private static string Cpu(CpuMeter meter, int count)
    {
        var (own, server) = meter.PerOperation(count);
        return $"CPU per order: client {own:N2} ms" + (server is { } s ? $", mariadbd {s:N2} ms" : "");
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public sealed class BenchSilo(IHost host, string dataDirectory) : IAsyncDisposable
    {
        public IClusterClient Grains => host.Services.GetRequiredService<IClusterClient>();

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temporary folder is cleaned by the system.
            }
        }
    }
}
