using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains.Workflows.Deadlines;
using OrderActors.Hosting;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// A test-cluster silo with the real workflow grains and services on MariaDB: grain state through the Orleans ADO.NET
/// storage (behind <see cref="FencedGrainStorage"/>), reminders through the ADO.NET reminder table, the read model in
/// the same database. One-second reminders, fast failure detection, and the shard keeper off, so only the shards'
/// reminders can bring deadlines back after a kill.
/// </summary>
public sealed class KillTestSilo : ISiloConfigurator
{
    public const int ShardCount = 16;
    private const string MariaDbStorage = "MariaDb";

    public void Configure(ISiloBuilder silo)
    {
        var connectionString = silo.Configuration[$"ConnectionStrings:{OrderActorsOptions.ConnectionStringName}"]!;
        var settings = new ConfigurationBuilder().AddConfiguration(silo.Configuration).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrderActors:Workflows:Deadlines:ShardCount"] = ShardCount.ToString(),
            ["OrderActors:Workflows:Deadlines:TimerResolution"] = "00:00:00.250",
            ["OrderActors:Workflows:Deadlines:ReminderPeriod"] = "00:00:02",
        }).Build();
        silo.Services.AddOrderActorsCore(settings, OrderActorsOptions.From(settings));
        silo.Services.PostConfigure<DeadlineOptions>(o => o.WakeInterval = null);
        silo.AddOrderActorsWorkflowGrains();
        silo.AddAdoNetGrainStorage(MariaDbStorage, storage => storage.UseOrderActorsDatabase(connectionString));
        silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) =>
            new FencedGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(MariaDbStorage), sp.GetRequiredService<ILocalSiloDetails>()));
        silo.Services.AddSingleton(sp => sp.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = ClusterOrleansSetup.AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
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
