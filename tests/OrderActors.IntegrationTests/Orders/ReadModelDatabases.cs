using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Database;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>A fresh, migrated read-model database of either dialect: a private MariaDB database or a SQLite file.</summary>
public static class ReadModelDatabases
{
    public static async Task<ReadModelDatabase> CreateAsync(string dialect, string prefix)
    {
        ReadModelDatabase database;
        if (dialect == nameof(SqlDialect.MySql))
        {
            var server = await MariaDbServer.GetSharedAsync();
            database = new ReadModelDatabase(SqlDialect.MySql, await server.CreateDatabaseAsync(prefix));
        }
        else
        {
            var directory = Path.Combine(Path.GetTempPath(), $"oa-{prefix}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(directory);
            database = new ReadModelDatabase(SqlDialect.Sqlite, ReadModelDatabase.SqliteConnectionString(Path.Combine(directory, "readmodel.db")));
        }
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return database;
    }
}
