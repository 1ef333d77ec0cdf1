using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using OrderActors.Housekeeping;
using OrderActors.Storage.Sqlite;
using OrderActors.Workflows;

namespace OrderActors.Hosting;

/// <summary>Orleans wiring for both run modes; only the providers differ, the grains are the same.</summary>
public static class OrleansSetup
{
    public const string StreamProvider = "events";

    public static ISiloBuilder ConfigureOrderActorsSilo(this ISiloBuilder silo, OrderActorsOptions options, string? connectionString)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });

        if (options.Mode == RunMode.Embedded)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.UseSqliteFile(options.SqliteFilePath)
                .AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)
                .AddSqliteGrainStorage("PubSubStore")
                .UseSqliteReminderService();
        }
        else
        {
            silo.ConfigureClusterSilo(options, RequireConnectionString(connectionString));
        }
        silo.AddStartupTask(ReminderStartup.EnsureScheduled("the storage upkeep reminder",
            grains => grains.GetGrain<IHousekeepingGrain>(IHousekeepingGrain.SingletonKey).EnsureScheduled()));
        silo.AddStartupTask(ReminderStartup.EnsureScheduled("the sweep of unconfirmed hand-overs",
            grains => grains.GetGrain<IWorkflowStartSweepGrain>(IWorkflowStartSweepGrain.SingletonKey).EnsureScheduled()));

        silo.AddMemoryStreams(StreamProvider);
        silo.AddOrderActorsWorkflowGrains();
        return silo;
    }

    public static IClientBuilder ConfigureOrderActorsClient(this IClientBuilder client, OrderActorsOptions options, string? connectionString)
    {
        var cs = RequireConnectionString(connectionString);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        client.ConfigureClusterClient(cs);
        client.AddMemoryStreams(StreamProvider);
        return client;
    }

    private static string RequireConnectionString(string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Cluster mode needs ConnectionStrings__OrderActors (a MySQL/MariaDB connection string).")
            : connectionString;
}
