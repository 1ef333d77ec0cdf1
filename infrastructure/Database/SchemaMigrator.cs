using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;

namespace OrderActors.Database;

/// <summary>
/// Applies the embedded migrations of a dialect that the database has not seen yet, recording each in
/// <c>schema_migrations</c>. Safe to run twice and from several processes at once: MySQL runs under a named
/// server lock, SQLite under an immediate (write-locking) transaction.
/// </summary>
public sealed class SchemaMigrator(ReadModelDatabase database, ILogger<SchemaMigrator> logger)
{
    private const string LockName = "orderactors_migrate_";

    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var migrations = MigrationCatalog.For(database.Dialect);
        await using var connection = await database.OpenAsync(cancellationToken);
        return database.Dialect == SqlDialect.MySql
            ? await MigrateMySqlAsync(connection, migrations, cancellationToken)
            : await MigrateSqliteAsync(connection, migrations, cancellationToken);
    }

    private async Task<int> MigrateMySqlAsync(DbConnection connection, IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        // Server locks are server-wide: name the lock after the database, so installations sharing a server do not wait on each other.
        var locked = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT GET_LOCK(CONCAT(@name, MD5(IFNULL(DATABASE(), ''))), 120)", new { name = LockName }, cancellationToken: ct));
        if (locked != 1)
        {
            throw new TimeoutException("Another process held the schema migration lock for two minutes.");
        }
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at DATETIME(3) NOT NULL) ENGINE=InnoDB",
                cancellationToken: ct));
            var applied = (await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM schema_migrations", cancellationToken: ct))).ToHashSet();
            var count = 0;
            foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
            {
                // MySQL DDL commits implicitly, so every statement is written to be idempotent instead.
                foreach (var statement in migration.Statements)
                {
                    await connection.ExecuteAsync(new CommandDefinition(statement, cancellationToken: ct));
                }
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, UTC_TIMESTAMP(3))",
                    new { migration.Version, migration.Name }, cancellationToken: ct));
                logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
                count++;
            }
            return count;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT RELEASE_LOCK(CONCAT(@name, MD5(IFNULL(DATABASE(), ''))))", new { name = LockName }, cancellationToken: CancellationToken.None));
        }
    }

    private async Task<int> MigrateSqliteAsync(DbConnection connection, IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        // WAL lets readers (lists) run while a grain writes; it is a persistent property of the file.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL", cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            cancellationToken: ct));
        var count = 0;
        foreach (var migration in migrations)
        {
            await using var transaction = await BeginImmediateAsync(connection, ct);
            var seen = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, transaction, cancellationToken: ct));
            if (seen > 0)
            {
                continue;
            }
            foreach (var statement in migration.Statements)
            {
                await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, cancellationToken: ct));
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = DateTime.UtcNow.ToString("O") }, transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
            logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
            count++;
        }
        return count;
    }

    private static async Task<DbTransaction> BeginImmediateAsync(DbConnection connection, CancellationToken ct)
    {
        // Microsoft.Data.Sqlite starts a write-locking (IMMEDIATE) transaction unless deferred is requested.
        return await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
    }
}
