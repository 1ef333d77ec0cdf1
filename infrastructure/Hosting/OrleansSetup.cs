using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace OrderActors.Hosting;

/// <summary>Orleans wiring for both run modes; only the providers differ, the grains are the same.</summary>
public static class OrleansSetup
{
    public const string StreamProvider = "events";
    public const string AdoNetInvariant = "MySql.Data.MySqlConnector";

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
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.UseInMemoryReminderService();
        }
        else
        {
            var cs = RequireConnectionString(connectionString);
            silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = cs;
            });
            silo.AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = cs;
            });
            silo.AddAdoNetGrainStorage("PubSubStore", o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = cs;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = cs;
            });
            silo.Configure<ClusterMembershipOptions>(ConfigureFastFailureDetection);
        }

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
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = cs;
        });
        client.AddMemoryStreams(StreamProvider);
        return client;
    }

    // A dead silo is declared dead in seconds rather than the default ~15 s.
    private static void ConfigureFastFailureDetection(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
    }

    private static string RequireConnectionString(string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Cluster mode needs ConnectionStrings__OrderActors (a MySQL/MariaDB connection string).")
            : connectionString;
}
