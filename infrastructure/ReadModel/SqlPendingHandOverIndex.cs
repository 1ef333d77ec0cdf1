using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Orders.HandOvers;

namespace OrderActors.ReadModel;

/// <summary>
/// <see cref="IPendingHandOverIndex"/> on the read-model database (<c>pending_order_handovers</c>; the marks are written
/// by <see cref="SqlOrderProjection"/>). The clears of many orders settling together are gathered into one transaction,
/// as the projection gathers its orders, so a burst of confirmations costs a few deletes, not one transaction each. On
/// MariaDB every write runs in READ COMMITTED: a delete of a mark that is not there then takes no gap lock that would
/// block the projection's inserts.
/// </summary>
public sealed class SqlPendingHandOverIndex : IPendingHandOverIndex, IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const int MaxOrdersPerStatement = 200;

    private readonly ReadModelDatabase _database;
    private readonly Channel<PendingClear> _clears = Channel.CreateUnbounded<PendingClear>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _clearLoop;

    public SqlPendingHandOverIndex(ReadModelDatabase database)
    {
        _database = database;
        _clearLoop = Task.Run(ClearLoopAsync);
    }

    public async Task<IReadOnlyList<Guid>> DueAsync(DateTimeOffset attemptedBefore, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT order_id FROM {PendingHandOverRows.Table} WHERE attempt_at < @before ORDER BY attempt_at LIMIT @max",
            new { before = SqlTime.ToDb(attemptedBefore, _database.Dialect), max }, cancellationToken: cancellationToken));
        var due = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(SqlValues.ReadGuid(reader.GetValue(0)));
        }
        return due;
    }

    public async Task PostponeAsync(IReadOnlyCollection<Guid> orderIds, DateTimeOffset attemptAt, CancellationToken cancellationToken = default)
    {
        if (orderIds.Count == 0)
        {
            return;
        }
        await InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var chunk in orderIds.Select(id => id.ToString()).Distinct().Order(StringComparer.Ordinal).Chunk(MaxOrdersPerStatement))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {PendingHandOverRows.Table} SET attempt_at = @at WHERE order_id IN @ids",
                    new { at = SqlTime.ToDb(attemptAt, _database.Dialect), ids = chunk }, transaction, cancellationToken: cancellationToken));
            }
        }, cancellationToken);
    }

    public Task ClearAsync(IReadOnlyCollection<HandOverMark> marks, CancellationToken cancellationToken = default)
    {
        if (marks.Count == 0)
        {
            return Task.CompletedTask;
        }
        var pending = new PendingClear(marks);
        if (!_clears.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqlPendingHandOverIndex), "The pending hand-over index is shutting down.");
        }
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _clears.Writer.TryComplete();
        await _clearLoop;
    }

    private async Task ClearLoopAsync()
    {
        var batch = new List<PendingClear>(MaxBatch);
        while (await _clears.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _clears.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                await DeleteAsync(batch.SelectMany(p => p.Marks).ToList());
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }
            batch.Clear();
        }
    }

    /// <summary>
    /// One DELETE per chunk of orders, each order with its own version bound
    /// (<c>(order_id = @i0 AND order_version &lt;= @v0) OR ...</c>: a primary-key range per order), all in one transaction.
    /// </summary>
    private Task DeleteAsync(IReadOnlyCollection<HandOverMark> marks) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var newest = marks.GroupBy(m => m.OrderId)
                .Select(g => (Id: g.Key.ToString(), Version: g.Max(m => m.OrderVersion)))
                .OrderBy(m => m.Id, StringComparer.Ordinal);
            foreach (var chunk in newest.Chunk(MaxOrdersPerStatement))
            {
                var sql = new StringBuilder($"DELETE FROM {PendingHandOverRows.Table} WHERE ");
                var parameters = new DynamicParameters();
                for (var i = 0; i < chunk.Length; i++)
                {
                    sql.Append(i == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture, $"(order_id = @i{i} AND order_version <= @v{i})");
                    parameters.Add($"i{i}", chunk[i].Id);
                    parameters.Add($"v{i}", chunk[i].Version);
                }
                await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction));
            }
        }, CancellationToken.None);

    private async Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using var transaction = await _database.BeginWriteAsync(connection, ct);
        await work(connection, transaction);
        await transaction.CommitAsync(ct);
    }

    private sealed class PendingClear(IReadOnlyCollection<HandOverMark> marks)
    {
        public IReadOnlyCollection<HandOverMark> Marks { get; } = marks;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
