using System.Globalization;
using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Housekeeping;

namespace OrderActors.Idempotency;

/// <summary>Removes idempotency records (POS and API retries) older than the retention, in batches so no lock is held long.</summary>
public sealed class IdempotencyHousekeeper(ReadModelDatabase database, IdempotencyOptions options, TimeProvider time) : IStorageHousekeeper
{
    public const int BatchSize = 5000;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var removed = await RemoveExpiredAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"removed {removed} idempotency records older than {options.Retention}");
    }

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = SqlTime.ToDb(time.GetUtcNow() - options.Retention, database.Dialect);
        var sql = database.Dialect == SqlDialect.MySql
            ? "DELETE FROM idempotency_requests WHERE created_at < @cutoff LIMIT @batch"
            : "DELETE FROM idempotency_requests WHERE rowid IN (SELECT rowid FROM idempotency_requests WHERE created_at < @cutoff LIMIT @batch)";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await BatchedDeletes.UntilDoneAsync(
            batch => connection.ExecuteAsync(new CommandDefinition(sql, new { cutoff, batch }, cancellationToken: cancellationToken)), BatchSize);
    }
}
