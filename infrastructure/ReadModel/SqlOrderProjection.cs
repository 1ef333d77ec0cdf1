using System.Data.Common;
using Dapper;
using MySqlConnector;
using OrderActors.Database;
using OrderActors.Grains.Orders.HandOvers;
using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>
/// Projects orders into the read model, one transaction per call (see <see cref="OrderProjectionBatcher"/> for the
/// group commit of concurrent calls): the orders row, items, status history,
/// duplicate candidates, search terms and hourly statistics. The held row is read (and locked) first; a version not
/// newer than the held one changes nothing, so replays, retries and reordered projections are harmless for every
/// table. Child rows are rewritten only when their content fingerprint changed; history is append-only by sequence.
/// Orders holding unconfirmed hand-overs are marked in the same transaction (<see cref="PendingHandOverRows"/>).
/// </summary>
public sealed class SqlOrderProjection(ReadModelDatabase database, TimeProvider? time = null) : IOrderProjection
{
    private const int MaxAttempts = 4;

    private static readonly string InsertOrder =
        $"INSERT INTO orders ({string.Join(", ", OrderRow.Columns)}) VALUES ({string.Join(", ", OrderRow.Columns.Select(c => "@" + PropertyOf(c)))})";

    private static readonly string UpdateOrder =
        $"UPDATE orders SET {string.Join(", ", OrderRow.Columns.Skip(1).Select(c => $"{c} = @{PropertyOf(c)}"))} WHERE id = @Id";

    private SqlDialect Dialect => database.Dialect;

    public Task ProjectAsync(OrderDetails order, CancellationToken cancellationToken = default) =>
        ProjectManyAsync([order], cancellationToken);

    public Task ProjectAsync(OrderDetails order, bool holdsHandOvers, CancellationToken cancellationToken = default) =>
        ProjectManyAsync([order], holdsHandOvers ? [new HandOverMark(order.Id, order.Version)] : [], cancellationToken);

    public Task ProjectManyAsync(IReadOnlyList<OrderDetails> orders, CancellationToken cancellationToken = default) =>
        ProjectManyAsync(orders, [], cancellationToken);

    /// <summary>
    /// Projects many orders in one transaction (a group commit of concurrent projections, bulk loads, rebuilds):
    /// orders not yet in the read model are inserted with multi-row INSERTs, those already present go through the
    /// per-order path in list order (so of two versions of one order the newer wins), and the statistics of all of
    /// them are applied at the end, cell by cell in key order. All of it commits or none of it does.
    /// </summary>
    public async Task ProjectManyAsync(IReadOnlyList<OrderDetails> orders, IReadOnlyList<HandOverMark> handOverMarks,
        CancellationToken cancellationToken = default)
    {
        if (orders.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // MariaDB: READ COMMITTED, so the locking read of an order not yet present takes no gap lock; with
                // REPEATABLE READ two projections of new orders lock the same gap and deadlock on their INSERTs.
                // Correctness rests on the version check under the row lock, not on the isolation level.
                await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
                await ProjectInTransactionAsync(connection, transaction, orders, cancellationToken);
                if (handOverMarks.Count > 0)
                {
                    // One row per order; a mark already there keeps its attempt time and takes the newer version.
                    var marks = PendingHandOverRows.For(handOverMarks, (time ?? TimeProvider.System).GetUtcNow(), Dialect);
                    await MultiRowInsert.ExecuteAsync(connection, transaction, Dialect, PendingHandOverRows.Table, PendingHandOverRows.Columns, marks, false,
                        cancellationToken, PendingHandOverRows.KeepOrRaiseVersion(Dialect));
                }
                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (MySqlException ex) when (attempt < MaxAttempts && ex.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.DuplicateKeyEntry or MySqlErrorCode.LockWaitTimeout)
            {
                // Raced with another writer on the same order or statistics cell (another silo); the loser runs again.
            }
        }
    }

    private async Task ProjectInTransactionAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<OrderDetails> orders, CancellationToken ct)
    {
        var present = new HashSet<Guid>();
        foreach (var chunk in orders.Select(o => o.Id).Distinct().Chunk(1000))
        {
            var ids = chunk.Select(id => id.ToString()).ToArray();
            // A reader, not Dapper's object mapping (which yields rows, not values): the id is text or a Guid by dialect.
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                "SELECT id FROM orders WHERE id IN @ids", new { ids }, transaction, cancellationToken: ct));
            while (await reader.ReadAsync(ct))
            {
                present.Add(SqlValues.ReadGuid(reader.GetValue(0)));
            }
        }
        var fresh = orders.Where(o => !present.Contains(o.Id)).GroupBy(o => o.Id).Select(g => g.MaxBy(o => o.Version)!).ToList();
        foreach (var table in NewOrderRows.For(fresh, Dialect))
        {
            await MultiRowInsert.ExecuteAsync(connection, transaction, Dialect, table.Table, table.Columns, table.Rows, table.IgnoreDuplicates, ct);
        }
        var deltas = new List<StatsDelta>(NewOrderRows.StatsDeltas(fresh));
        foreach (var order in orders.Where(o => present.Contains(o.Id)))
        {
            deltas.AddRange(await ProjectOneAsync(connection, transaction, order, ct));
        }
        await ApplyStatsAsync(connection, transaction, deltas, ct);
    }

    /// <summary>Updates one order already present (under its row lock); returns its statistics deltas.</summary>
    private async Task<IReadOnlyList<StatsDelta>> ProjectOneAsync(DbConnection connection, DbTransaction transaction, OrderDetails order, CancellationToken ct)
    {
        var lockClause = Dialect == SqlDialect.MySql ? " FOR UPDATE" : "";
        var held = await connection.QuerySingleOrDefaultAsync<HeldRow>(new CommandDefinition(
            "SELECT version AS Version, platform AS Platform, status AS Status, currency AS Currency, grand_total AS GrandTotal, " +
            "order_date AS OrderDate, history_count AS HistoryCount, items_hash AS ItemsHash, search_hash AS SearchHash, " +
            "duplicates_hash AS DuplicatesHash FROM orders WHERE id = @id" + lockClause,
            new { id = order.Id.ToString() }, transaction, cancellationToken: ct));
        if (held is not null && held.Version >= order.Version)
        {
            return [];
        }

        var terms = SearchTerms.For(order);
        var row = OrderRow.From(order, Dialect, terms);
        await connection.ExecuteAsync(new CommandDefinition(held is null ? InsertOrder : UpdateOrder, row, transaction, cancellationToken: ct));
        var id = new { id = row.Id };

        if (held?.ItemsHash != row.ItemsHash)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM order_items WHERE order_id = @id", id, transaction, cancellationToken: ct));
            await MultiRowInsert.ExecuteAsync(connection, transaction, Dialect, "order_items", ChildRows.ItemColumns, ChildRows.Items(order, Dialect).ToList(), false, ct);
        }
        var history = ChildRows.History(order, held?.HistoryCount ?? 0, Dialect).ToList();
        if (history.Count > 0)
        {
            await MultiRowInsert.ExecuteAsync(connection, transaction, Dialect, "order_status_history", ChildRows.HistoryColumns, history, true, ct);
        }
        if (held?.DuplicatesHash != row.DuplicatesHash)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM order_duplicate_candidates WHERE order_id = @id", id, transaction, cancellationToken: ct));
            var duplicates = ChildRows.Duplicates(order, Dialect).ToList();
            if (duplicates.Count > 0)
            {
                await MultiRowInsert.ExecuteAsync(connection, transaction, Dialect, "order_duplicate_candidates", ChildRows.DuplicateColumns, duplicates, false, ct);
            }
        }
        if (held?.SearchHash != row.SearchHash)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM order_search_terms WHERE order_id = @id", id, transaction, cancellationToken: ct));
            await MultiRowInsert.ExecuteAsync(connection, transaction, Dialect, "order_search_terms", ChildRows.TermColumns, ChildRows.Terms(order, terms, Dialect).ToList(), true, ct);
        }

        var newBucket = StatsBucket.Of(order);
        var oldBucket = held is null
            ? null
            : new StatsBucket(StatsBucket.TruncateToHour(SqlTime.FromDb(held.OrderDate).UtcDateTime), held.Platform, held.Status, held.Currency);
        var oldTotal = held is null ? 0m : SqlValues.ReadMoney(held.GrandTotal);
        if (oldBucket != newBucket || oldTotal != order.Totals.GrandTotal)
        {
            var deltas = new List<StatsDelta> { new(newBucket, 1, order.Totals.GrandTotal) };
            if (oldBucket is not null)
            {
                deltas.Add(new StatsDelta(oldBucket, -1, -oldTotal));
            }
            return deltas;
        }
        return [];
    }

    /// <summary>Adds the deltas to every statistics table, table by table and cell by cell in key order (no deadlocks between projections).</summary>
    private async Task ApplyStatsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StatsDelta> deltas, CancellationToken ct)
    {
        if (deltas.Count == 0)
        {
            return;
        }
        if (Dialect == SqlDialect.MySql)
        {
            foreach (var table in NewOrderRows.MySqlStats(deltas).Where(t => t.Rows.Count > 0))
            {
                await MultiRowInsert.ExecuteAsync(connection, transaction, Dialect, table.Table, table.Columns, table.Rows, false, ct, table.Suffix);
            }
            return;
        }
        foreach (var table in StatsTable.All)
        {
            foreach (var (key, count, revenue) in table.Cells(deltas, Dialect))
            {
                await AddSqliteCellAsync(connection, transaction, table, key, count, revenue, ct);
            }
        }
    }

    private static async Task AddSqliteCellAsync(DbConnection connection, DbTransaction transaction, StatsTable table, object?[] key, long count, decimal revenue, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        for (var i = 0; i < key.Length; i++)
        {
            parameters.Add($"k{i}", key[i]);
        }
        parameters.Add("count", count);
        var match = string.Join(" AND ", table.KeyColumns.Select((c, i) => $"{c} = @k{i}"));
        var keyColumns = string.Join(", ", table.KeyColumns);
        var keyValues = string.Join(", ", table.KeyColumns.Select((_, i) => $"@k{i}"));
        if (!table.HasRevenue)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {table.Name} ({keyColumns}, order_count) VALUES ({keyValues}, @count) " +
                $"ON CONFLICT({keyColumns}) DO UPDATE SET order_count = order_count + excluded.order_count",
                parameters, transaction, cancellationToken: ct));
            return;
        }
        // SQLite keeps money as exact text, so the sum is done here; the IMMEDIATE transaction makes this safe.
        var held = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT revenue FROM {table.Name} WHERE {match}", parameters, transaction, cancellationToken: ct));
        parameters.Add("revenue", SqlValues.Money((held is null ? 0m : SqlValues.ReadMoney(held)) + revenue, SqlDialect.Sqlite));
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {table.Name} ({keyColumns}, order_count, revenue) VALUES ({keyValues}, @count, @revenue) " +
            $"ON CONFLICT({keyColumns}) DO UPDATE SET order_count = order_count + excluded.order_count, revenue = excluded.revenue",
            parameters, transaction, cancellationToken: ct));
    }

    private static string PropertyOf(string column) =>
        string.Concat(column.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private sealed class HeldRow
    {
        public long Version { get; set; }
        public string Platform { get; set; } = "";
        public string Status { get; set; } = "";
        public string Currency { get; set; } = "";
        public object GrandTotal { get; set; } = 0m;
        public object OrderDate { get; set; } = "";
        public int HistoryCount { get; set; }
        public string ItemsHash { get; set; } = "";
        public string SearchHash { get; set; } = "";
        public string DuplicatesHash { get; set; } = "";
    }
}
