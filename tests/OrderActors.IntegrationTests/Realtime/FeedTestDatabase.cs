using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Database;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>A migrated, private read-model database of either dialect for feed tests.</summary>
public static class FeedTestDatabase
{
    public static async Task<ReadModelDatabase> CreateAsync(SqlDialect dialect)
    {
        ReadModelDatabase database;
        if (dialect == SqlDialect.MySql)
        {
            var server = await MariaDbServer.GetSharedAsync();
            database = new ReadModelDatabase(SqlDialect.MySql, await server.CreateDatabaseAsync("oa_feed"));
        }
        else
        {
            var directory = Path.Combine(Path.GetTempPath(), $"oa-feed-{Guid.NewGuid():N}");
            Directory.CreateDirectory(directory);
            database = new ReadModelDatabase(SqlDialect.Sqlite, ReadModelDatabase.SqliteConnectionString(Path.Combine(directory, "feed.db")));
        }
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return database;
    }
}
