using System.Globalization;
using Dapper;
using OrderActors.Grains.Housekeeping;

namespace OrderActors.Storage.Sqlite;

/// <summary>
/// Keeps the embedded SQLite file in shape. SQLite's automatic checkpoints copy the WAL back into the database
/// but never shrink the WAL file, so after a burst of writes it stays large; a TRUNCATE checkpoint resets it.
/// <c>PRAGMA optimize</c> refreshes the query planner's statistics where they have gone stale.
/// </summary>
public sealed class SqliteHousekeeper(SqliteOrleansDatabase database) : IStorageHousekeeper
{
    public Task<string> RunAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA optimize", cancellationToken: cancellationToken));
            var checkpoint = await connection.QuerySingleAsync<CheckpointResult>(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: cancellationToken));
            return checkpoint.Busy != 0
                ? string.Create(CultureInfo.InvariantCulture, $"optimized; checkpoint deferred by readers ({checkpoint.Checkpointed}/{checkpoint.Log} WAL pages copied)")
                : string.Create(CultureInfo.InvariantCulture, $"optimized; checkpointed {checkpoint.Checkpointed} WAL pages and truncated the WAL");
        }, cancellationToken);

    private sealed class CheckpointResult
    {
        public long Busy { get; init; }

        public long Log { get; init; }

        public long Checkpointed { get; init; }
    }
}
