using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using OrderActors.Database;
using Orleans.Storage;

namespace OrderActors.Storage.Sqlite;

/// <summary>
/// The embedded node's SQLite file as Orleans' storage and reminder providers use it. SQLite lets one writer in at
/// a time; instead of letting every grain race for the lock and back off, writes from this process queue on a gate
/// and each runs as one short auto-committed statement. The busy timeout still covers the other writers of the same
/// file (the read-model projection, a migrator in another process).
/// Grain state writes go through <see cref="WriteInBatchAsync"/> instead: those arriving while a commit is flushed
/// are written together in the next transaction (group commit), one flush for many grains. Each is acknowledged
/// only after that commit, so a write reported done is as durable as before.
/// </summary>
public sealed class SqliteOrleansDatabase(string filePath) : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _connectionString = ReadModelDatabase.SqliteConnectionString(filePath);
    private readonly Channel<BatchedWrite> _batched = Channel.CreateUnbounded<BatchedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _writerStart = new();
    private Task? _batchWriter;

    public string FilePath { get; } = filePath;

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await read(connection);
    }

    public async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await write(connection);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction shared with the other writes queued meanwhile and completes
    /// after that transaction committed. A write that throws <see cref="InconsistentStateException"/> must have
    /// changed nothing (an optimistic check that failed): it fails alone and the others commit. Any other failure
    /// rolls the whole transaction back and fails every write in it.
    /// </summary>
    public Task<long> WriteInBatchAsync(Func<SqliteConnection, SqliteTransaction, Task<long>> write, CancellationToken cancellationToken)
    {
        var pending = new BatchedWrite(write, cancellationToken);
        lock (_writerStart)
        {
            _batchWriter ??= Task.Run(BatchWriteLoopAsync);
        }
        if (!_batched.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteOrleansDatabase), "The SQLite file is closing.");
        }
        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _batched.Writer.TryComplete();
        if (_batchWriter is { } writer)
        {
            await writer;
        }
    }

    private async Task BatchWriteLoopAsync()
    {
        var batch = new List<BatchedWrite>(MaxBatch);
        while (await _batched.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _batched.Reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Done.TrySetCanceled(next.CancellationToken);
                    continue;
                }
                batch.Add(next);
            }
            if (batch.Count > 0)
            {
                await CommitBatchAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task CommitBatchAsync(List<BatchedWrite> batch)
    {
        await _writeGate.WaitAsync();
        try
        {
            await using var connection = await OpenAsync(CancellationToken.None);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            foreach (var write in batch)
            {
                try
                {
                    write.Result = await write.Write(connection, transaction);
                }
                catch (InconsistentStateException conflict)
                {
                    write.Conflict = conflict;
                }
            }
            await transaction.CommitAsync();
        }
        catch (Exception ex)
        {
            foreach (var write in batch)
            {
                write.Done.TrySetException(ex);
            }
            return;
        }
        finally
        {
            _writeGate.Release();
        }
        foreach (var write in batch)
        {
            if (write.Conflict is { } conflict)
            {
                write.Done.TrySetException(conflict);
            }
            else
            {
                write.Done.TrySetResult(write.Result);
            }
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // synchronous=FULL: in WAL mode NORMAL already survives a killed process (a commit is in the OS's
            // page cache), but may lose the last commits on power loss or an OS crash. A grain that was told
            // "written" must keep its state, so every commit is flushed to disk. Both pragmas are per connection.
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class BatchedWrite(Func<SqliteConnection, SqliteTransaction, Task<long>> write, CancellationToken cancellationToken)
    {
        public Func<SqliteConnection, SqliteTransaction, Task<long>> Write { get; } = write;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Result { get; set; }

        public InconsistentStateException? Conflict { get; set; }
    }
}
