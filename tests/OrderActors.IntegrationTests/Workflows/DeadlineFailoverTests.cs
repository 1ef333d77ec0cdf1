using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Database;
using OrderActors.Workflows;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains.Workflows.Instances;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace OrderActors.IntegrationTests.Workflows;

public sealed class DeadlineFailoverTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"oa-wf-kill-{Guid.NewGuid():N}");
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var database = new ReadModelDatabase(SqlDialect.Sqlite, ReadModelDatabase.SqliteConnectionString(Path.Combine(_dataDirectory, "orderactors.db")));
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        var builder = new TestClusterBuilder(2);
        builder.Properties[KillTestSilo.DataDirectoryKey] = _dataDirectory;
        builder.AddSiloBuilderConfigurator<KillTestSilo>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Deadlines_held_by_a_killed_silo_fire_on_the_surviving_one()
    {
        var wait = TimeSpan.FromSeconds(8);
        var flow = new ProcessFlow
        {
            Id = "kill-wait",
            Version = 1,
            Name = "Wait then finish",
            Steps =
            [
                new() { Id = "wait", Type = StepType.Wait, Config = new() { WaitFor = wait }, Next = "tell" },
                new() { Id = "tell", Type = StepType.Notify, Config = new() { Message = "waited", NotifyRoles = ["Manager"] } },
            ],
        };
        var victim = _cluster.SecondarySilos[0];
        var keys = new List<string>();
        var pendingOnVictim = 0;
        // Placement is random: add batches of instances until some of their deadline shards live on the victim.
        for (var batch = 0; batch < 10 && pendingOnVictim == 0; batch++)
        {
            var added = Enumerable.Range(0, 24).Select(_ => WorkflowInstanceKey.For(Guid.NewGuid(), flow.Id)).ToList();
            keys.AddRange(added);
            await Task.WhenAll(added.Select(k => _cluster.Client.GetGrain<IWorkflowInstanceGrain>(k).Start(flow, new OrderFacts { OrderId = WorkflowInstanceKey.OrderOf(k) }, false)));
            var stats = await _cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            var shardsOnVictim = stats.Where(s => s.GrainType.Contains("DeadlineShard", StringComparison.OrdinalIgnoreCase) && s.SiloAddress.Equals(victim.SiloAddress)).ToList();
            foreach (var shard in shardsOnVictim)
            {
                pendingOnVictim += (await _cluster.Client.GetGrain<IDeadlineShardGrain>(shard.GrainId.GetIntegerKey()).GetStatus()).Pending;
            }
        }
        Assert.True(pendingOnVictim > 0, "some pending deadlines should live on the silo about to be killed");
        Assert.True(SharedReminderTable.Count <= KillTestSilo.ShardCount, "one reminder per shard at most, not one per deadline");

        SharedStores.Fence(victim.SiloAddress);
        await _cluster.KillSiloAsync(victim);

        var views = new List<WorkflowInstanceView>();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            views = (await Task.WhenAll(keys.Select(k => _cluster.Client.GetGrain<IWorkflowInstanceGrain>(k).GetView()))).OfType<WorkflowInstanceView>().ToList();
            if (views.Count == keys.Count && views.All(v => v.Status == InstanceStatus.Completed))
            {
                break;
            }
            await Task.Delay(250);
        }

        var shards = await Task.WhenAll(Enumerable.Range(0, KillTestSilo.ShardCount).Select(i => _cluster.Client.GetGrain<IDeadlineShardGrain>(i).GetStatus()));
        var serializer = _cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        var stuck = views.Where(v => v.Status != InstanceStatus.Completed).Select(v =>
        {
            var stored = SharedGrainStorage.Peek<InstanceGrainState>(serializer, "workflow-instance", GrainId.Create("workflowinstance", v.Key));
            return $"{v.Key} {v.Status} at {v.CurrentStep} (stored: {stored?.Instance.Status} rev {stored?.Instance.Revision}, deadlines {stored?.Instance.Deadlines.Count}, view rev {v.Revision})";
        });
        Assert.True(views.Count == keys.Count && views.All(v => v.Status == InstanceStatus.Completed),
            $"{views.Count(v => v.Status == InstanceStatus.Completed)} of {keys.Count} completed. Stuck: {string.Join("; ", stuck)}. Shards pending: {string.Join(",", shards.Select(s => s.Pending))}; next due: {string.Join(",", shards.Select(s => s.NextDueAt?.ToString("HH:mm:ss") ?? "-"))}; reminders {SharedReminderTable.Count}");
        foreach (var view in views)
        {
            var waited = view.History.Single(h => h.StepId == "wait");
            Assert.True(waited.EndedAt >= view.StartedAt.Add(wait), $"{view.Key} started {view.StartedAt} but waited only until {waited.EndedAt}");
        }
        Assert.DoesNotContain(victim, _cluster.GetActiveSilos());
    }
}
