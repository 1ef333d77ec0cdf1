using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Workflows.Starts;

namespace OrderActors.Workflows.ReadModel;

/// <summary>
/// <see cref="IPendingWorkflowStartIndex"/> on the read-model database (<c>pending_workflow_starts</c>; the marks are
/// inserted by <see cref="OrderActors.ReadModel.SqlOrderProjection"/>). The clears of many confirmations arriving
/// together are gathered into one transaction, as the projection gathers its orders, so a burst of new orders costs a
/// few deletes, not one transaction each. On MariaDB every write runs in READ COMMITTED: a delete of a mark that is
/// not there then takes no gap lock that would block the projection's inserts.
/// </summary>
public sealed class SqlPendingWorkflowStartIndex : IPendingWorkflowStartIndex, IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const int MaxIdsPerStatement = 500;

    private readonly ReadModelDatabase _database;
    private readonly Channel<PendingClear> _clears = Channel.CreateUnbounded<PendingClear>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _clearLoop;

    public SqlPendingWorkflowStartIndex(ReadModelDatabase database)
    {
        _database = database;
        _clearLoop = Task.Run(ClearLoopAsync);
    }

    public async Task<IReadOnlyList<PendingWorkflowStart>> DueAsync(DateTimeOffset attemptedBefore, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT order_id, flow_trigger FROM {PendingWorkflowStartRows.Table} WHERE attempt_at < @before ORDER BY attempt_at LIMIT @max",
            new { before = SqlTime.ToDb(attemptedBefore, _database.Dialect), max }, cancellationToken: cancellationToken));
        var due = new List<PendingWorkflowStart>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Enum.TryParse<FlowTrigger>(reader.GetString(1), out var trigger))
            {
                due.Add(new PendingWorkflowStart(SqlValues.ReadGuid(reader.GetValue(0)), trigger));
            }
        }
        return due;
    }

    public Task PostponeAsync(IReadOnlyCollection<PendingWorkflowStart> starts, DateTimeOffset attemptAt, CancellationToken cancellationToken = default) =>
        starts.Count == 0
            ? Task.CompletedTask
            : WriteAsync(starts, "UPDATE {0} SET attempt_at = @at WHERE flow_trigger = @trigger AND order_id IN @ids",
                new { at = SqlTime.ToDb(attemptAt, _database.Dialect) }, cancellationToken);

    public Task ClearAsync(IReadOnlyCollection<PendingWorkflowStart> starts, CancellationToken cancellationToken = default)
    {
        if (starts.Count == 0)
        {
            return Task.CompletedTask;
        }
        var pending = new PendingClear(starts);
        if (!_clears.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqlPendingWorkflowStartIndex), "The pending workflow start index is shutting down.");
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
                await WriteAsync(batch.SelectMany(p => p.Starts).ToList(), "DELETE FROM {0} WHERE flow_trigger = @trigger AND order_id IN @ids", null, CancellationToken.None);
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }
            batch.Clear();
        }
    }

    /// <summary>Runs <paramref name="statement"/> per trigger and chunk of order ids, all in one transaction.</summary>
    private async Task WriteAsync(IReadOnlyCollection<PendingWorkflowStart> starts, string statement, object? values, CancellationToken ct)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using DbTransaction transaction = _database.Dialect == SqlDialect.MySql
            ? await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct)
            : await connection.BeginTransactionAsync(ct);
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, statement, PendingWorkflowStartRows.Table);
        foreach (var group in starts.GroupBy(s => s.Trigger).OrderBy(g => g.Key))
        {
            foreach (var chunk in group.Select(s => s.OrderId.ToString()).Distinct().Order(StringComparer.Ordinal).Chunk(MaxIdsPerStatement))
            {
                var parameters = new DynamicParameters(values);
                parameters.Add("trigger", group.Key.ToString());
                parameters.Add("ids", chunk);
                await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
            }
        }
        await transaction.CommitAsync(ct);
    }

    private sealed class PendingClear(IReadOnlyCollection<PendingWorkflowStart> starts)
    {
        public IReadOnlyCollection<PendingWorkflowStart> Starts { get; } = starts;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
