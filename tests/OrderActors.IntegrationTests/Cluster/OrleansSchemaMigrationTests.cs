using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using OrderActors.Database;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Cluster;

/// <summary>The MySQL migrations run twice, and from two processes at once, and leave one correct schema.</summary>
public sealed class OrleansSchemaMigrationTests
{
    private static readonly string[] OrleansQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static SchemaMigrator Migrator(string connectionString) =>
        new(new ReadModelDatabase(SqlDialect.MySql, connectionString), NullLogger<SchemaMigrator>.Instance);

    [Fact]
    public async Task Two_concurrent_migrations_then_a_third_leave_one_complete_schema()
    {
        var connectionString = await (await MariaDbServer.GetSharedAsync()).CreateDatabaseAsync("migrate");
        var migrations = MigrationCatalog.For(SqlDialect.MySql);

        var concurrent = await Task.WhenAll(Migrator(connectionString).MigrateAsync(), Migrator(connectionString).MigrateAsync());
        var again = await Migrator(connectionString).MigrateAsync();

        Assert.Equal(migrations.Count, concurrent.Sum());
        Assert.Equal(0, again);
        await using var db = new MySqlConnection(connectionString);
        Assert.Equal(migrations.Select(m => m.Version), await db.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(OrleansQueryKeys.Order(StringComparer.Ordinal), await db.QueryAsync<string>("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey"));
        await AssertOrleansSchemaAsync(db);
    }

    [Fact]
    public async Task Every_orleans_statement_can_run_again_on_a_migrated_database()
    {
        // MySQL DDL commits as it goes, so a migration cut short is simply run again from its first statement.
        var connectionString = await (await MariaDbServer.GetSharedAsync()).CreateDatabaseAsync("migrate_rerun");
        await Migrator(connectionString).MigrateAsync();
        await using var db = new MySqlConnection(connectionString);
        await db.ExecuteAsync("UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'WriteToStorageKey'");

        foreach (var statement in MigrationCatalog.For(SqlDialect.MySql).Where(m => m.Version < 100).SelectMany(m => m.Statements))
        {
            await db.ExecuteAsync(statement);
        }

        Assert.StartsWith("CALL orleans_grain_state_write(", await db.ExecuteScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'"));
        Assert.Equal(OrleansQueryKeys.Length, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM OrleansQuery"));
        await AssertOrleansSchemaAsync(db);
    }

    private static async Task AssertOrleansSchemaAsync(MySqlConnection db)
    {
        var columns = (await db.QueryAsync<(string Table, string Column, string Type, string? Collation)>(
            """
            SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'orleans\_%'
            """)).ToDictionary(c => $"{c.Table}.{c.Column}");
        Assert.Equal("longblob", columns["orleans_grain_state.PayloadBinary"].Type);
        Assert.Equal("datetime(3)", columns["orleans_membership.IAmAliveTime"].Type);
        Assert.Equal("datetime(3)", columns["orleans_reminders.StartTime"].Type);
        Assert.All(
            new[] { "orleans_grain_state.GrainIdExtensionString", "orleans_grain_state.GrainTypeString", "orleans_reminders.GrainId", "orleans_reminders.ReminderName", "orleans_membership.DeploymentId" },
            key => Assert.Equal("utf8mb4_nopad_bin", columns[key].Collation));

        var indexes = (await db.QueryAsync<(string Table, string Index, int NonUnique, string Columns)>(
            """
            SELECT TABLE_NAME, INDEX_NAME, MIN(NON_UNIQUE), GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'orleans\_%' GROUP BY TABLE_NAME, INDEX_NAME
            """)).ToList();
        Assert.Contains(("orleans_reminders", "ix_orleans_reminders_ring", 1, "ServiceId,GrainHash"), indexes);
        Assert.Contains(("orleans_grain_state", "ux_orleans_grain_state_identity", 0, "IdentityKey"), indexes);

        var procedures = await db.QueryAsync<string>("SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_NAME");
        Assert.Equal(
            ["orleans_grain_state_clear", "orleans_grain_state_delete", "orleans_grain_state_write", "orleans_membership_insert_silo", "orleans_membership_insert_version", "orleans_reminder_upsert"],
            procedures);
    }
}
