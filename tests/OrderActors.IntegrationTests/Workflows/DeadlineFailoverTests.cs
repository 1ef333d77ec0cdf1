using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using OrderActors.Database;
using OrderActors.IntegrationTests.Infrastructure;
using OrderActors.Testing;
using OrderActors.Workflows;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// The acceptance test of deadlines across silo failure, on MariaDB: two silos with the Orleans ADO.NET grain storage
/// and reminder table, deadlines held by shards on silo A, silo A killed; the deadlines fire on silo B within seconds
/// of their due time, and the reminder table holds at most one row per shard.
/// </summary>
public sealed class DeadlineFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan AllowedLateness = TimeSpan.FromSeconds(10);
    private TestCluster _cluster = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        _connectionString = await server.CreateDatabaseAsync("wf_failover");
        await new SchemaMigrator(new ReadModelDatabase(SqlDialect.MySql, _connectionString), NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        var builder = new TestClusterBuilder(2);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:OrderActors"] = _connectionString,
            ["OrderActors:Mode"] = "Cluster",
        }));
        builder.AddSiloBuilderConfigurator<KillTestSilo>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Deadlines_held_by_a_killed_silo_fire_on_the_surviving_one()
    {
        var wait = TimeSpan.FromSeconds(15);
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
        // The runtime would place the shards where it likes (often all on one silo): half of them go to the victim.
        await PlaceShardsOnAsync(victim.SiloAddress, Enumerable.Range(0, KillTestSilo.ShardCount).Where(shard => shard % 2 == 0).ToList());
        // Add batches of instances until some of their deadlines belong to the victim's shards.
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
        var reminderRows = await ReminderRowsAsync();
        Assert.True(reminderRows is > 0 and <= KillTestSilo.ShardCount, $"{reminderRows} reminder rows for {keys.Count} deadlines: one per shard at most");

        FencedGrainStorage.Fence(victim.SiloAddress);
        await _cluster.KillSiloAsync(victim);

        var views = new List<WorkflowInstanceView>();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            try
            {
                views = (await Task.WhenAll(keys.Select(k => _cluster.Client.GetGrain<IWorkflowInstanceGrain>(k).GetView()))).OfType<WorkflowInstanceView>().ToList();
            }
            catch (Exception ex) when (ex is Orleans.Runtime.Messaging.ConnectionFailedException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                // The client may still route a call to the killed silo's gateway until it learns it is dead: ask again.
                await Task.Delay(250);
                continue;
            }
            if (views.Count == keys.Count && views.All(v => v.Status == InstanceStatus.Completed))
            {
                break;
            }
            await Task.Delay(250);
        }

        var shards = await Task.WhenAll(Enumerable.Range(0, KillTestSilo.ShardCount).Select(i => _cluster.Client.GetGrain<IDeadlineShardGrain>(i).GetStatus()));
        var stuck = views.Where(v => v.Status != InstanceStatus.Completed).Select(v => $"{v.Key} {v.Status} at {v.CurrentStep}");
        Assert.True(views.Count == keys.Count && views.All(v => v.Status == InstanceStatus.Completed),
            $"{views.Count(v => v.Status == InstanceStatus.Completed)} of {keys.Count} completed. Stuck: {string.Join("; ", stuck)}. Shards pending: {string.Join(",", shards.Select(s => s.Pending))}; next due: {string.Join(",", shards.Select(s => s.NextDueAt?.ToString("HH:mm:ss") ?? "-"))}");
        var lateness = views.Select(v => v.History.Single(h => h.StepId == "wait").EndedAt - v.StartedAt.Add(wait)).ToList();
        output.WriteLine($"{views.Count} deadlines, {pendingOnVictim} held by the killed silo; fired late by {lateness.Min().TotalSeconds:0.00} to {lateness.Max().TotalSeconds:0.00} s; {reminderRows} reminder rows");
        Assert.All(lateness, late => Assert.InRange(late, TimeSpan.Zero, AllowedLateness));
        Assert.True(await ReminderRowsAsync() <= KillTestSilo.ShardCount);
        Assert.DoesNotContain(victim, _cluster.GetActiveSilos());
    }

    private async Task PlaceShardsOnAsync(SiloAddress silo, IReadOnlyCollection<int> shards)
    {
        foreach (var shard in shards)
        {
            await PlacementHint.ActivateOnAsync(silo, () => _cluster.Client.GetGrain<IDeadlineShardGrain>(shard).Wake());
        }
        var stats = await _cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var placed = stats.Where(s => s.GrainType.Contains("DeadlineShard", StringComparison.OrdinalIgnoreCase) && s.SiloAddress.Equals(silo)).Select(s => (int)s.GrainId.GetIntegerKey());
        Assert.Equal(shards.Order(), placed.Order());
    }

    private async Task<long> ReminderRowsAsync()
    {
        await using var connection = new MySqlConnection(_connectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orleans_reminders");
    }
}
