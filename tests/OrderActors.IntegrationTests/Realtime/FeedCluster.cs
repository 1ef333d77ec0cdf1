using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.TestingHost;
using OrderActors.Database;
using OrderActors.Events;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>A real two-silo Orleans cluster whose event feed writes to a real database of the given dialect.</summary>
public sealed class FeedCluster : IAsyncDisposable
{
    private const string DialectKey = "FeedTest:Dialect";
    private const string ConnectionKey = "FeedTest:ConnectionString";

    private FeedCluster(TestCluster cluster, ReadModelDatabase database)
    {
        Cluster = cluster;
        Database = database;
        Log = new SqlEventLog(database);
    }

    public TestCluster Cluster { get; }

    public ReadModelDatabase Database { get; }

    public SqlEventLog Log { get; }

    public IClusterClient Client => Cluster.Client;

    public IEventFeedGrain Feed => Client.GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);

    public static async Task<FeedCluster> StartAsync(SqlDialect dialect, int silos = 2)
    {
        var database = await FeedTestDatabase.CreateAsync(dialect);
        var builder = new TestClusterBuilder((short)silos);
        // Real sockets, so api-hosts outside the test cluster can connect to its gateways.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[DialectKey] = dialect.ToString();
        builder.Properties[ConnectionKey] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new FeedCluster(cluster, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            var database = new ReadModelDatabase(Enum.Parse<SqlDialect>(configuration[DialectKey]!), configuration[ConnectionKey]!);
            siloBuilder.AddMemoryGrainStorageAsDefault();
            siloBuilder.AddMemoryGrainStorage("PubSubStore");
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.TryAddSingleton(TimeProvider.System);
            siloBuilder.Services.AddSingleton(database);
            siloBuilder.Services.AddOrderActorsEvents(new ConfigurationBuilder().Build());
        }
    }
}
