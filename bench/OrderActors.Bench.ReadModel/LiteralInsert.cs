using System.Globalization;
using System.Text;
using MySqlConnector;
using OrderActors.ReadModel;

namespace OrderActors.Bench.ReadModel;

/// <summary>
/// MariaDB multi-row INSERTs with the values written into the statement text, a few megabytes per statement: for
/// bulk seeding, where building tens of thousands of parameters per statement would cost more than the insert.
/// </summary>
public static class LiteralInsert
{
    private const int MaxStatementChars = 4 * 1024 * 1024;

    public static async Task ExecuteAsync(MySqlConnection connection, MySqlTransaction transaction, TableRows table, CancellationToken ct)
    {
        if (table.Rows.Count == 0)
        {
            return;
        }
        var head = (table.IgnoreDuplicates ? "INSERT IGNORE INTO " : "INSERT INTO ") + table.Table + " (" + string.Join(", ", table.Columns) + ") VALUES ";
        var sql = new StringBuilder(MaxStatementChars + 64 * 1024);
        foreach (var row in table.Rows)
        {
            sql.Append(sql.Length == 0 ? head : ", ").Append('(');
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0)
                {
                    sql.Append(", ");
                }
                AppendValue(sql, row[c]);
            }
            sql.Append(')');
            if (sql.Length >= MaxStatementChars)
            {
                await RunAsync(connection, transaction, sql.Append(table.Suffix).ToString(), ct);
                sql.Clear();
            }
        }
        if (sql.Length > 0)
        {
            await RunAsync(connection, transaction, sql.Append(table.Suffix).ToString(), ct);
        }
    }

    private static async Task RunAsync(MySqlConnection connection, MySqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new MySqlCommand(sql, connection, transaction) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AppendValue(StringBuilder sql, object? value)
    {
        switch (value)
        {
            case null:
                sql.Append("NULL");
                break;
            case string s:
                AppendString(sql, s);
                break;
            case DateTime dt:
                sql.Append('\'').Append(dt.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)).Append('\'');
                break;
            case Guid g:
                sql.Append('\'').Append(g.ToString()).Append('\'');
                break;
            case bool b:
                sql.Append(b ? '1' : '0');
                break;
            case decimal or int or long or short or byte:
                sql.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                sql.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException($"No literal form for {value.GetType()}");
        }
    }

    /// <summary>Quotes a string for MariaDB's default SQL mode (backslash escapes on; the seeder's session makes sure of it).</summary>
    private static void AppendString(StringBuilder sql, string s)
    {
        sql.Append('\'');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '\'': sql.Append("\\'"); break;
                case '\\': sql.Append("\\\\"); break;
                case '\0': sql.Append("\\0"); break;
                case '\n': sql.Append("\\n"); break;
                case '\r': sql.Append("\\r"); break;
                case '\x1a': sql.Append("\\Z"); break;
                default: sql.Append(ch); break;
            }
        }
        sql.Append('\'');
    }
}
