using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace OrderActors.Database;

/// <summary>The read-model database: the SQLite file in embedded mode, MariaDB/MySQL in cluster mode.</summary>
public sealed class ReadModelDatabase(SqlDialect dialect, string connectionString)
{
    public SqlDialect Dialect { get; } = dialect;

    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// The MySQL connection string of <see cref="OpenForReadsAsync"/>: the same server and settings with
    /// <c>ConnectionReset=false</c>, which makes it a pool of its own.
    /// </summary>
    public string ReadsConnectionString { get; } = dialect == SqlDialect.MySql
        ? new MySqlConnectionStringBuilder(connectionString) { ConnectionReset = false }.ConnectionString
        : connectionString;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        OpenAsync(ConnectionString, cancellationToken);

    /// <summary>
    /// A connection for plain reads only: SELECTs that leave no session state behind (no variables, temporary tables,
    /// named locks or open transactions). On MySQL it comes from a pool that hands a pooled connection out as it is,
    /// without the session reset that otherwise costs a server round trip on every open (a list request pays one
    /// round trip for its query instead of two).
    /// </summary>
    public Task<DbConnection> OpenForReadsAsync(CancellationToken cancellationToken = default) =>
        OpenAsync(ReadsConnectionString, cancellationToken);

    /// <summary>
    /// A write transaction: READ COMMITTED on MySQL, so locking reads and deletes of rows that are not there take no
    /// gap locks (concurrent writers of new rows would deadlock on them under REPEATABLE READ); SQLite's default.
    /// </summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        Dialect == SqlDialect.MySql
            ? await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken)
            : await connection.BeginTransactionAsync(cancellationToken);

    private async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        DbConnection connection = Dialect == SqlDialect.Sqlite
            ? new SqliteConnection(connectionString)
            : new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static string SqliteConnectionString(string filePath) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
}
