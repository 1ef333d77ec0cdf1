using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains.Workflows.Deadlines;
using OrderActors.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// A test-cluster silo with the real workflow grains and services, durable storage and reminders shared by all
/// silos (<see cref="SharedGrainStorage"/>, <see cref="SharedReminderTable"/>), one-second reminders, fast failure
/// detection, and the shard keeper off, so only the shards' reminders can bring deadlines back after a kill.
/// </summary>
public sealed class KillTestSilo : ISiloConfigurator
{
    public const string DataDirectoryKey = "WorkflowKillTestDataDirectory";
    public const int ShardCount = 16;

    public void Configure(ISiloBuilder silo)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrderActors:Workflows:Deadlines:ShardCount"] = ShardCount.ToString(),
            ["OrderActors:Workflows:Deadlines:TimerResolution"] = "00:00:00.250",
            ["OrderActors:Workflows:Deadlines:ReminderPeriod"] = "00:00:02",
        }).Build();
        silo.Services.AddOrderActorsCore(settings, new OrderActorsOptions { DataDirectory = silo.Configuration[DataDirectoryKey]! });
        silo.Services.PostConfigure<DeadlineOptions>(o => o.WakeInterval = null);
        silo.AddOrderActorsWorkflowGrains();
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, SharedReminderTable>();
        silo.Services.AddKeyedSingleton<IGrainStorage>("Default", (sp, _) => new SharedGrainStorage(sp.GetRequiredService<Serializer>(), sp.GetRequiredService<ILocalSiloDetails>()));
        silo.Services.AddSingleton(sp => sp.GetRequiredKeyedService<IGrainStorage>("Default"));
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.AddMemoryStreams(OrleansSetup.StreamProvider);
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
        });
    }
}
