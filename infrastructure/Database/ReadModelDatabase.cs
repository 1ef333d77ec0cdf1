using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace OrderActors.Database;

/// <summary>The read-model database: the SQLite file in embedded mode, MariaDB/MySQL in cluster mode.</summary>
public sealed class ReadModelDatabase(SqlDialect dialect, string connectionString)
{
    public SqlDialect Dialect { get; } = dialect;

    public string ConnectionString { get; } = connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Dialect == SqlDialect.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new MySqlConnection(ConnectionString);
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
