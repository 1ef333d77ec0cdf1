using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrderActors.Database;
using OrderActors.Storage.Sqlite;

namespace OrderActors.IntegrationTests.Embedded;

/// <summary>A migrated SQLite file in a temporary directory, with the providers under test built on it.</summary>
public sealed class SqliteTestFile : IAsyncLifetime
{
    private readonly ServiceProvider _orleansServices =
        new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(SqliteTestFile).Assembly)).BuildServiceProvider();

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"oa-sqlite-{Guid.NewGuid():N}");

    public string FilePath => Path.Combine(Directory, "orderactors.db");

    public SqliteOrleansDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var readModel = new ReadModelDatabase(SqlDialect.Sqlite, ReadModelDatabase.SqliteConnectionString(FilePath));
        await new SchemaMigrator(readModel, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        Database = new SqliteOrleansDatabase(FilePath);
    }

    /// <summary>A storage on <see cref="Database"/>, or on <paramref name="database"/> to play a second writer with its own gate.</summary>
    public SqliteGrainStorage CreateStorage(string serviceId = "test-service", SqliteOrleansDatabase? database = null) => new(
        serviceId,
        database ?? Database,
        new OrleansGrainStorageSerializer(_orleansServices.GetRequiredService<Serializer>()),
        _orleansServices.GetRequiredService<IActivatorProvider>(),
        TimeProvider.System);

    public SqliteReminderTable CreateReminderTable(string serviceId = "test-service") =>
        new(Database, Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "test" }));

    public async Task DisposeAsync()
    {
        await _orleansServices.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
