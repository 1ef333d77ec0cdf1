using Dapper;
using MySqlConnector;

namespace OrderActors.Bench.ReadModel;

/// <summary>
/// The secondary indexes of a MariaDB table, read from information_schema so they can be dropped before a bulk load
/// into an empty table and rebuilt afterwards exactly as the migrations defined them (InnoDB builds an index from
/// sorted data far faster than it maintains it row by row).
/// </summary>
public sealed record SecondaryIndexes(string Table, IReadOnlyList<SecondaryIndexes.Index> Indexes)
{
    public sealed record Index(string Name, bool Unique, IReadOnlyList<string> Columns);

    public static async Task<SecondaryIndexes> ReadAsync(MySqlConnection connection, string table)
    {
        var rows = await connection.QueryAsync<(string Name, long NonUnique, string Column, long? SubPart, string? Collation)>(
            "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION FROM information_schema.STATISTICS " +
            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND INDEX_NAME <> 'PRIMARY' ORDER BY INDEX_NAME, SEQ_IN_INDEX",
            new { table });
        var indexes = rows.GroupBy(r => r.Name).Select(g => new Index(
            g.Key,
            g.First().NonUnique == 0,
            g.Select(r => $"`{r.Column}`" + (r.SubPart is { } n ? $"({n})" : "") + (r.Collation == "D" ? " DESC" : "")).ToList())).ToList();
        return new SecondaryIndexes(table, indexes);
    }

    public async Task DropAsync(MySqlConnection connection)
    {
        if (Indexes.Count > 0)
        {
            await connection.ExecuteAsync($"ALTER TABLE `{Table}` " + string.Join(", ", Indexes.Select(i => $"DROP INDEX `{i.Name}`")), commandTimeout: 3600);
        }
    }

    public async Task RestoreAsync(MySqlConnection connection)
    {
        var present = (await ReadAsync(connection, Table)).Indexes.Select(i => i.Name).ToHashSet();
        var missing = Indexes.Where(i => !present.Contains(i.Name)).ToList();
        if (missing.Count > 0)
        {
            await connection.ExecuteAsync($"ALTER TABLE `{Table}` " + string.Join(", ", missing.Select(i =>
                $"ADD {(i.Unique ? "UNIQUE " : "")}INDEX `{i.Name}` ({string.Join(", ", i.Columns)})")), commandTimeout: 3600);
        }
    }
}
