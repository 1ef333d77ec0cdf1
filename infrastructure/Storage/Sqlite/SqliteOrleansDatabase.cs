using Microsoft.Data.Sqlite;
using OrderActors.Database;

namespace OrderActors.Storage.Sqlite;

/// <summary>
/// The embedded node's SQLite file as Orleans' storage and reminder providers use it. SQLite lets one writer in at
/// a time; instead of letting every grain race for the lock and back off, writes from this process queue on a gate
/// and each runs as one short auto-committed statement. The busy timeout still covers the other writers of the same
/// file (the read-model projection, a migrator in another process).
/// </summary>
public sealed class SqliteOrleansDatabase(string filePath)
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _connectionString = ReadModelDatabase.SqliteConnectionString(filePath);

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
}
