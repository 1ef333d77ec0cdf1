using System.Data.Common;
using System.Text;
using Dapper;

namespace OrderActors.Database;

/// <summary>Inserts many rows with few round trips: one parameterized multi-row INSERT per chunk.</summary>
public static class MultiRowInsert
{
    private const int MaxParameters = 20_000;

    public static async Task ExecuteAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, bool ignoreDuplicates, CancellationToken cancellationToken)
    {
        var rowsPerChunk = Math.Max(1, MaxParameters / columns.Count);
        for (var start = 0; start < rows.Count; start += rowsPerChunk)
        {
            var count = Math.Min(rowsPerChunk, rows.Count - start);
            var sql = new StringBuilder(64 + count * columns.Count * 8);
            sql.Append(ignoreDuplicates ? (dialect == SqlDialect.MySql ? "INSERT IGNORE INTO " : "INSERT OR IGNORE INTO ") : "INSERT INTO ")
               .Append(table).Append(" (").Append(string.Join(", ", columns)).Append(") VALUES ");
            var parameters = new DynamicParameters();
            var p = 0;
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                var row = rows[start + r];
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"p{p++}";
                    sql.Append(c == 0 ? "@" : ", @").Append(name);
                    parameters.Add(name, row[c]);
                }
                sql.Append(')');
            }
            await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken));
        }
    }
}
