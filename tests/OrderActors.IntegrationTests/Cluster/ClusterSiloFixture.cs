using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Storage;
using OrderActors.Hosting;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Cluster;

/// <summary>
/// One real cluster-mode silo, in process, wired exactly as the silo executable wires it (ADO.NET clustering,
/// storage and reminders on a private MariaDB database migrated by our own scripts). The tests reach the real
/// Orleans providers through its services. One extra storage deletes rows on clear, to cover DeleteStorageKey.
/// </summary>
public sealed class ClusterSiloFixture : IAsyncLifetime
{
    public const string DeleteOnClearStorage = "DeleteOnClear";

    private IHost? _host;

    public string ConnectionString { get; private set; } = "";

    public OrderActorsOptions Options { get; } = new()
    {
        Mode = RunMode.Cluster,
        ClusterId = $"it-{Guid.NewGuid():N}",
        ServiceId = $"it-service-{Guid.NewGuid():N}",
        SiloPort = FreePort.Next(),
        GatewayPort = FreePort.Next(),
    };

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The silo has not started.");

    public IGrainStorage Storage => Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    public IGrainStorage DeleteOnClear => Services.GetRequiredKeyedService<IGrainStorage>(DeleteOnClearStorage);

    public IReminderTable Reminders => Services.GetRequiredService<IReminderTable>();

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        // A 16 MiB state write is CPU-bound on both ends; on a starved shared machine it outlasted the 30 s default.
        ConnectionString = new MySqlConnectionStringBuilder(await server.CreateDatabaseAsync("cluster_it")) { DefaultCommandTimeout = 120 }.ConnectionString;

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{OrderActorsOptions.ConnectionStringName}"] = ConnectionString,
        });
        builder.Services.AddOrderActorsCore(builder.Configuration, Options);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureOrderActorsSilo(Options, ConnectionString);
            silo.AddAdoNetGrainStorage(DeleteOnClearStorage, storage => storage
                .UseOrderActorsDatabase(ConnectionString)
                .Configure(o => o.DeleteStateOnClear = true));
        });
        _host = builder.Build();
        await _host.Services.WaitForDatabaseAndMigrateAsync();
        await _host.StartAsync();
    }

    public async Task<DbConnection> OpenAsync()
    {
        var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
            _host.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterSiloCollection : ICollectionFixture<ClusterSiloFixture>
{
    public const string Name = "Cluster silo on MariaDB";
}
