using Dapper;
using OrderActors.Database;

namespace OrderActors.Idempotency;

/// <summary>
/// The table <c>idempotency_requests</c>: the first request with a key claims it with an insert (the primary key
/// decides between concurrent duplicates), and its response is stored for every retry.
/// </summary>
public sealed class SqlIdempotencyStore(ReadModelDatabase database, TimeProvider time)
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";

    /// <summary>A claim older than this belongs to a request that died; a retry may take it over.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public async Task<IdempotencyBegin> BeginAsync(string caller, string route, string key, string requestHash, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var insert = database.Dialect == SqlDialect.MySql ? "INSERT IGNORE INTO" : "INSERT OR IGNORE INTO";
        var args = new { caller, route, key, requestHash, InProgress, now = SqlTime.ToDb(now, database.Dialect), cutoff = SqlTime.ToDb(now - AbandonedAfter, database.Dialect) };
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            $"{insert} idempotency_requests (caller, route, idem_key, request_hash, state, created_at) VALUES (@caller, @route, @key, @requestHash, @InProgress, @now)",
            args, cancellationToken: cancellationToken));
        if (inserted == 1)
        {
            return new IdempotencyBegin(IdempotencyBeginOutcome.Started);
        }

        var row = await connection.QuerySingleAsync(new CommandDefinition(
            "SELECT request_hash AS RequestHash, state, status_code AS StatusCode, response_body AS Body, location FROM idempotency_requests WHERE caller = @caller AND route = @route AND idem_key = @key",
            args, cancellationToken: cancellationToken));
        if ((string)row.RequestHash != requestHash)
        {
            return new IdempotencyBegin(IdempotencyBeginOutcome.Mismatch);
        }
        if ((string)row.state == Completed)
        {
            return new IdempotencyBegin(IdempotencyBeginOutcome.Completed, new StoredResponse(Convert.ToInt32(row.StatusCode), (string)row.Body, (string?)row.location));
        }
        var takenOver = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE idempotency_requests SET created_at = @now WHERE caller = @caller AND route = @route AND idem_key = @key AND state = @InProgress AND created_at < @cutoff",
            args, cancellationToken: cancellationToken));
        return new IdempotencyBegin(takenOver == 1 ? IdempotencyBeginOutcome.Started : IdempotencyBeginOutcome.InProgress);
    }

    public async Task CompleteAsync(string caller, string route, string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE idempotency_requests SET state = @Completed, status_code = @StatusCode, response_body = @Body, location = @Location, completed_at = @now " +
            "WHERE caller = @caller AND route = @route AND idem_key = @key",
            new { Completed, response.StatusCode, response.Body, response.Location, now = SqlTime.ToDb(time.GetUtcNow(), database.Dialect), caller, route, key },
            cancellationToken: cancellationToken));
    }

    /// <summary>Releases a claim whose command failed, so a retry runs it again (the commands themselves are idempotent).</summary>
    public async Task AbandonAsync(string caller, string route, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM idempotency_requests WHERE caller = @caller AND route = @route AND idem_key = @key AND state = @InProgress",
            new { caller, route, key, InProgress }, cancellationToken: cancellationToken));
    }
}
