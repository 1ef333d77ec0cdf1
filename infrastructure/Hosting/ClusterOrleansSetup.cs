using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrderActors.Hosting;

/// <summary>
/// Cluster mode on MySQL/MariaDB: membership, grain state and reminders through the Orleans ADO.NET providers
/// (schema: <c>Database/MySql/0001-0004</c>). Silos publish themselves in the membership table; api-hosts are
/// pure clients that find the gateways there.
/// </summary>
public static class ClusterOrleansSetup
{
    public const string AdoNetInvariant = "MySql.Data.MySqlConnector";
    public const string PubSubStore = "PubSubStore";

    public static ISiloBuilder ConfigureClusterSilo(this ISiloBuilder silo, OrderActorsOptions options, string connectionString)
    {
        connectionString = WithoutSessionReset(connectionString);
        ConfigureEndpoints(silo, options);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorageAsDefault(storage => storage.UseOrderActorsDatabase(connectionString));
        silo.AddAdoNetGrainStorage(PubSubStore, storage => storage.UseOrderActorsDatabase(connectionString));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
        silo.Configure<ClusterMembershipOptions>(ConfigureFastFailureDetection);
        return silo;
    }

    public static IClientBuilder ConfigureClusterClient(this IClientBuilder client, string connectionString)
    {
        connectionString = WithoutSessionReset(connectionString);
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
        // Gateways of silos that joined or died are picked up within seconds, not the default minute.
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        return client;
    }

    /// <summary>
    /// State is stored with Orleans' own serializer: version tolerant through <c>[Id]</c> and <c>[Alias]</c>,
    /// unlike the provider's default type-name JSON, where renaming a type or assembly orphans stored rows.
    /// </summary>
    public static OptionsBuilder<AdoNetGrainStorageOptions> UseOrderActorsDatabase(this OptionsBuilder<AdoNetGrainStorageOptions> storage, string connectionString) =>
        storage.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        });

    /// <summary>
    /// The providers open a pooled connection for every operation (each grain state read and write). By default the
    /// connector resets the session on every open, a server round trip (a reset and SET NAMES) that cost both the
    /// silo and MariaDB more CPU than many of the writes themselves. The providers' statements leave no session state
    /// (no variables, named locks or temporary tables; a transaction is ended before the connection is closed), so
    /// their pool hands connections out as they are.
    /// </summary>
    public static string WithoutSessionReset(string connectionString) =>
        new MySqlConnector.MySqlConnectionStringBuilder(connectionString) { ConnectionReset = false }.ConnectionString;

    private static void ConfigureEndpoints(ISiloBuilder silo, OrderActorsOptions options)
    {
        // Listen on every interface; publish the configured address (an IP, or a name such as a compose service).
        if (IPAddress.TryParse(options.AdvertisedAddress, out var address))
        {
            silo.ConfigureEndpoints(address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(options.AdvertisedAddress, options.SiloPort, options.GatewayPort, AddressFamily.InterNetwork, listenOnAnyHostAddress: true);
        }
    }

    // A killed silo is declared dead in a few seconds (two missed 2 s probes, one vote) instead of ~15 s,
    // so its grains re-activate on the survivors quickly.
    private static void ConfigureFastFailureDetection(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }
}
