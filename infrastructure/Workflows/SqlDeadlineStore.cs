using Dapper;
using Microsoft.Extensions.Logging;
using OrderActors.Database;
using OrderActors.Grains.Workflows.Deadlines;

namespace OrderActors.Workflows.ReadModel;

/// <summary>
/// <see cref="IDeadlineStore"/> on the read-model database (<c>workflow_deadlines</c>). Sets and removes arriving
/// together are committed as one transaction (a burst of new orders, each with a task timeout, costs a few commits);
/// one writer keeps them in arrival order, and within a batch the last change of a deadline is the one written.
/// On MariaDB writes run in READ COMMITTED, so deleting a row that is not there takes no gap lock.
/// </summary>
public sealed class SqlDeadlineStore : IDeadlineStore, IAsyncDisposable
{
    private const string Table = "workflow_deadlines";
    private const int MaxBatch = 512;
    private const int MaxIdsPerStatement = 500;
    private static readonly IReadOnlyList<string> Columns = ["deadline_id", "shard", "instance_key", "due_ticks"];

    private readonly ReadModelDatabase _database;
    private readonly GroupCommit<DeadlineChange> _changes;

    public SqlDeadlineStore(ReadModelDatabase database, ILogger<SqlDeadlineStore> logger)
    {
        _database = database;
        _changes = new GroupCommit<DeadlineChange>(WriteAsync, writers: 1, MaxBatch, "workflow deadline changes", logger);
    }

    public Task SetAsync(int shard, string deadlineId, DeadlineEntry entry) => _changes.EnqueueAsync(new DeadlineChange(deadlineId, shard, entry));

    public Task RemoveAsync(string deadlineId) => _changes.EnqueueAsync(new DeadlineChange(deadlineId, 0, null));

    public async Task<IReadOnlyList<PendingDeadline>> DueAsync(int shard, DateTimeOffset now, int max)
    {
        await using var connection = await _database.OpenForReadsAsync();
        var rows = await connection.QueryAsync<(string Id, string InstanceKey, long DueTicks)>(
            $"SELECT deadline_id, instance_key, due_ticks FROM {Table} WHERE shard = @shard AND due_ticks <= @now ORDER BY due_ticks LIMIT @max",
            new { shard, now = now.UtcTicks, max });
        return rows.Select(r => new PendingDeadline(r.Id, new DeadlineEntry(r.InstanceKey, FromTicks(r.DueTicks)))).ToList();
    }

    public async Task CompleteAsync(IReadOnlyCollection<PendingDeadline> delivered, IReadOnlyCollection<PendingDeadline> failed, DateTimeOffset retryAt)
    {
        if (delivered.Count == 0 && failed.Count == 0)
        {
            return;
        }
        await using var connection = await _database.OpenAsync();
        await using var transaction = await _database.BeginWriteAsync(connection);
        if (delivered.Count > 0)
        {
            await connection.ExecuteAsync(
                $"DELETE FROM {Table} WHERE deadline_id = @Id AND instance_key = @InstanceKey AND due_ticks = @DueTicks",
                delivered.Select(Unchanged), transaction);
        }
        if (failed.Count > 0)
        {
            await connection.ExecuteAsync(
                $"UPDATE {Table} SET due_ticks = @retry WHERE deadline_id = @Id AND instance_key = @InstanceKey AND due_ticks = @DueTicks",
                failed.Select(d => new { d.Id, d.Entry.InstanceKey, DueTicks = d.Entry.DueAt.UtcTicks, retry = retryAt.UtcTicks }), transaction);
        }
        await transaction.CommitAsync();
    }

    public async Task<DateTimeOffset?> NextDueAtAsync(int shard)
    {
        await using var connection = await _database.OpenForReadsAsync();
        var ticks = await connection.ExecuteScalarAsync<long?>($"SELECT MIN(due_ticks) FROM {Table} WHERE shard = @shard", new { shard });
        return ticks is { } t ? FromTicks(t) : null;
    }

    public async Task<int> CountAsync(int shard)
    {
        await using var connection = await _database.OpenForReadsAsync();
        return await connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {Table} WHERE shard = @shard", new { shard });
    }

    public ValueTask DisposeAsync() => _changes.DisposeAsync();

    private async Task WriteAsync(IReadOnlyList<DeadlineChange> batch)
    {
        var last = new Dictionary<string, DeadlineChange>(StringComparer.Ordinal);
        foreach (var change in batch)
        {
            last[change.Id] = change;
        }
        // Key order, so two transactions never take the same row locks in opposite orders.
        var sets = last.Values.Where(c => c.Entry is not null).OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new object?[] { c.Id, c.Shard, c.Entry!.InstanceKey, c.Entry.DueAt.UtcTicks })
            .ToList();
        var removes = last.Values.Where(c => c.Entry is null).Select(c => c.Id).Order(StringComparer.Ordinal).ToList();

        await using var connection = await _database.OpenAsync();
        await using var transaction = await _database.BeginWriteAsync(connection);
        if (sets.Count > 0)
        {
            var upsert = _database.Dialect == SqlDialect.MySql
                ? " ON DUPLICATE KEY UPDATE shard = VALUES(shard), instance_key = VALUES(instance_key), due_ticks = VALUES(due_ticks)"
                : " ON CONFLICT (deadline_id) DO UPDATE SET shard = excluded.shard, instance_key = excluded.instance_key, due_ticks = excluded.due_ticks";
            await MultiRowInsert.ExecuteAsync(connection, transaction, _database.Dialect, Table, Columns, sets, ignoreDuplicates: false, CancellationToken.None, upsert);
        }
        foreach (var chunk in removes.Chunk(MaxIdsPerStatement))
        {
            await connection.ExecuteAsync($"DELETE FROM {Table} WHERE deadline_id IN @ids", new { ids = chunk }, transaction);
        }
        await transaction.CommitAsync();
    }

    private static object Unchanged(PendingDeadline deadline) =>
        new { deadline.Id, deadline.Entry.InstanceKey, DueTicks = deadline.Entry.DueAt.UtcTicks };

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>A set (with its entry) or a remove (no entry) of one deadline.</summary>
    private sealed record DeadlineChange(string Id, int Shard, DeadlineEntry? Entry);
}
