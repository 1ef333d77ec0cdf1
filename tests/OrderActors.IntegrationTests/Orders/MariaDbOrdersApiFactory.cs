using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Database;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>The real api-host whose read model is a private MariaDB database (the cluster-mode dialect).</summary>
public sealed class MariaDbOrdersApiFactory : OrdersApiFactory, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        ConnectionString = await server.CreateDatabaseAsync("orders_api");
        // Grain state and reminders stay in the embedded SQLite file; only the read model moves to MariaDB, so the
        // file's own schema is applied here (the host's migrator now migrates the MariaDB read model instead).
        Directory.CreateDirectory(DataDirectory);
        var sqlite = new ReadModelDatabase(SqlDialect.Sqlite, ReadModelDatabase.SqliteConnectionString(Path.Combine(DataDirectory, "orderactors.db")));
        await new SchemaMigrator(sqlite, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<ReadModelDatabase>();
            services.AddSingleton(new ReadModelDatabase(SqlDialect.MySql, ConnectionString));
        });
    }
}
