using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Database;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Returns;

/// <summary>The migrated returns read model in both dialects: a private MariaDB database and an embedded SQLite file.</summary>
public sealed class ReturnsReadModelDatabases : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"oa-returns-rm-{Guid.NewGuid():N}");

    public ReadModelDatabase MariaDb { get; private set; } = null!;
    public ReadModelDatabase Sqlite { get; private set; } = null!;

    public ReadModelDatabase For(string dialect) => dialect == nameof(SqlDialect.MySql) ? MariaDb : Sqlite;

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        MariaDb = new ReadModelDatabase(SqlDialect.MySql, await server.CreateDatabaseAsync("returns_rm"));
        Directory.CreateDirectory(_directory);
        Sqlite = new ReadModelDatabase(SqlDialect.Sqlite, ReadModelDatabase.SqliteConnectionString(Path.Combine(_directory, "orderactors.db")));
        foreach (var database in new[] { MariaDb, Sqlite })
        {
            await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        }
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}
