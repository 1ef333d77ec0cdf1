using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderActors.Database;
using OrderActors.Grains.Workflows.Deadlines;
using OrderActors.Hosting;
using OrderActors.Orders;
using OrderActors.Workflows;

// Workflow benchmark: one embedded node (the product's embedded mode: co-hosted silo, memory grain storage,
// in-memory reminders, SQLite read model). Usage: OrderActors.Bench.Workflows [instances] [deadlines] [seconds from
// scheduling a deadline to its due time]. Bounded: instance starts stop after 3 minutes (creating the orders before
// them is not counted), scheduling after 2.5 minutes and waiting for firings one minute after the last due time.
var instances = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var deadlines = args.Length > 1 ? int.Parse(args[1]) : 100_000;
var leadSeconds = args.Length > 2 ? int.Parse(args[2]) : 30;
var instanceBudget = TimeSpan.FromMinutes(3);
var schedulingBudget = TimeSpan.FromMinutes(2.5);
var dataDirectory = Path.Combine(Path.GetTempPath(), $"oa-bench-wf-{Guid.NewGuid():N}");
var options = new OrderActorsOptions { DataDirectory = dataDirectory, SiloPort = 21111, GatewayPort = 31000 };

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OrderActors:Workflows:Deadlines:ShardCount"] = "64" });
builder.Services.AddOrderActorsCore(builder.Configuration, options);
builder.UseOrleans(silo => silo.ConfigureOrderActorsSilo(options, null));
using var host = builder.Build();
await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

// Built-in flows would start on every new order as well; the benchmark measures its own flow only.
foreach (var flow in await grains.GetGrain<IFlowCatalogGrain>(0).List())
{
    await grains.GetGrain<IProcessFlowGrain>(flow.Id).SetActive(false);
}

Console.WriteLine($"Workflows benchmark: {Environment.ProcessorCount} cores, {instances} instances, {deadlines} deadlines");
var total = Stopwatch.StartNew();
await RunInstancesAsync(grains, instances, instanceBudget);
await RunDeadlinesAsync(host.Services, grains, deadlines, leadSeconds, schedulingBudget);
Console.WriteLine($"total {total.Elapsed.TotalSeconds:0} s");
await host.StopAsync();
Directory.Delete(dataDirectory, recursive: true);

static async Task RunInstancesAsync(IGrainFactory grains, int count, TimeSpan budget)
{
    var flow = new ProcessFlow
    {
        Id = "bench-four-steps",
        Version = 1,
        Name = "Four automatic steps: accept, start, pack, ship",
        Steps =
        [
            // Each status change follows the order's transition rules: New -> Accepted -> InProgress -> Packed.
            new() { Id = "accept", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.Accepted }, Next = "start" },
            new() { Id = "start", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.InProgress }, Next = "pack" },
            new() { Id = "pack", Type = StepType.Packing, AutoExecute = true, Next = "ship" },
            new() { Id = "ship", Type = StepType.Ship, AutoExecute = true },
        ],
    };
    var orders = Enumerable.Range(0, count).Select(i => new OrderSnapshot
    {
        OperationId = $"bench-{i}",
        Platform = SourcePlatform.Manual,
        AccountId = "bench",
        PlatformOrderId = $"B-{i}-{Guid.NewGuid():N}",
        Customer = new Customer("Bench", null, null),
        ShippingAddress = new ShippingAddress("R", "1 Road", null, "KL", null, "50000", "MY", null),
        Items = [new OrderItem("SKU-1", "Item", null, 2, 10m, 0m)],
        Totals = new OrderTotals(20m, 0m, 0m, 0m, 20m),
        Currency = "MYR",
        OrderDate = DateTimeOffset.UtcNow,
        Actor = new Actor(ActorKind.System, "bench"),
    }).ToList();
    var setup = Stopwatch.StartNew();
    await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (o, _) => await grains.GetGrain<IOrderGrain>(o.OrderId).Upsert(o));
    Console.WriteLine($"orders created: {orders.Count} in {setup.Elapsed.TotalSeconds:0.0} s");

    // Starts are kept to a bounded number in flight: every step writes the order and the instance to the
    // single-writer SQLite read model, and unbounded concurrency only queues on its write lock.
    using var stop = new CancellationTokenSource(budget);
    var clock = Stopwatch.StartNew();
    var results = new WorkflowInstanceView?[orders.Count];
    var failed = 0;
    try
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, orders.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stop.Token }, async (i, _) =>
        {
            try
            {
                results[i] = await grains.GetGrain<IWorkflowInstanceGrain>(WorkflowInstanceKey.For(orders[i].OrderId, flow.Id))
                    .Start(flow, new OrderFacts { OrderId = orders[i].OrderId, Items = orders[i].Items, HasShippingAddress = true, GrandTotal = 20m, Currency = "MYR" }, false);
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref failed);
            }
        });
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine($"instance phase stopped after its budget of {budget.TotalSeconds:0} s");
    }
    clock.Stop();
    var views = results.OfType<WorkflowInstanceView>().ToList();
    Console.WriteLine($"instance starts timed out: {failed}");

    var completed = views.Count(v => v.Status == InstanceStatus.Completed);
    var steps = views.SelectMany(v => v.History.Where(h => h.StepId != "$end")).Select(h => h.Duration.TotalMilliseconds).Order().ToList();
    Console.WriteLine($"instances: {completed}/{count} completed in {clock.Elapsed.TotalSeconds:0.0} s = {completed / clock.Elapsed.TotalSeconds:0} instances/s; " +
        $"step latency p50 {Percentile(steps, 0.50):0.0} ms, p99 {Percentile(steps, 0.99):0.0} ms, max {steps[^1]:0.0} ms ({steps.Count} steps)");
}

static async Task RunDeadlinesAsync(IServiceProvider services, IGrainFactory grains, int count, int leadSeconds, TimeSpan budget)
{
    using var stop = new CancellationTokenSource(budget);
    var lateness = new List<double>();
    using var listener = new MeterListener();
    listener.InstrumentPublished = (instrument, l) =>
    {
        if (instrument.Meter.Name == DeadlineMetrics.MeterName && instrument.Name == DeadlineMetrics.LatenessInstrument)
        {
            l.EnableMeasurementEvents(instrument);
        }
    };
    listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (lateness) { lateness.Add(value); } });
    listener.Start();

    var scheduler = services.GetRequiredService<IDeadlineScheduler>();
    GC.Collect();
    var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
    var clock = Stopwatch.StartNew();
    var scheduled = 0;
    var lastDue = DateTimeOffset.UtcNow;
    // Each deadline is due a fixed lead after it is scheduled, so lateness measures firing, not a scheduling backlog.
    // Deadlines of instances that do not exist: each firing still activates the instance grain, which ignores it.
    try
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 512, CancellationToken = stop.Token }, async (i, _) =>
        {
            var due = DateTimeOffset.UtcNow.AddSeconds(leadSeconds);
            await scheduler.ScheduleAsync($"bench|{i}", WorkflowInstanceKey.For(Guid.NewGuid(), "bench-deadlines"), due);
            Interlocked.Increment(ref scheduled);
            lock (stop)
            {
                lastDue = due > lastDue ? due : lastDue;
            }
        });
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine($"scheduling stopped after its budget of {budget.TotalSeconds:0} s");
    }
    clock.Stop();
    count = scheduled;
    var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
    var statuses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => grains.GetGrain<IDeadlineShardGrain>(i).GetStatus()));
    var reminders = await services.GetRequiredService<IReminderTable>().ReadRows(0, 0);
    Console.WriteLine($"deadlines: {statuses.Sum(s => s.Pending)} pending after scheduling {count} in {clock.Elapsed.TotalSeconds:0.0} s ({count / clock.Elapsed.TotalSeconds:0}/s); " +
        $"reminder rows {reminders.Reminders.Count}; shard state rows 64; managed memory +{(memoryAfter - memoryBefore) / 1048576.0:0} MB");

    var until = lastDue.AddMinutes(1);
    while (DateTimeOffset.UtcNow < until)
    {
        lock (lateness)
        {
            if (lateness.Count >= count)
            {
                break;
            }
        }
        await Task.Delay(500);
    }
    List<double> sorted;
    lock (lateness)
    {
        sorted = lateness.Order().ToList();
    }
    Console.WriteLine($"deadlines fired: {sorted.Count}/{count}; lateness p50 {Percentile(sorted, 0.50):0} ms, p99 {Percentile(sorted, 0.99):0} ms, max {(sorted.Count > 0 ? sorted[^1] : 0):0} ms");
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
