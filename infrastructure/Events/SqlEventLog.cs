using System.Data;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using OrderActors.Database;

namespace OrderActors.Events;

/// <summary>The event log in the read-model database (SQLite file or MariaDB), table <c>event_log</c>.</summary>
public sealed class SqlEventLog(ReadModelDatabase database) : IEventLog
{
    private const string Columns =
        "position, event_id, type, occurred_at, recorded_at, required_permission, platform, order_id, assignee_user_id, role, payload, roles";

    // Rows per INSERT statement; keeps every statement well under both dialects' parameter limits.
    private const int RowsPerInsert = 200;

    public async Task<EventLogAppend> AppendAsync(IReadOnlyList<FeedEvent> events, DateTimeOffset recordedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // SQLite: Serializable is BEGIN IMMEDIATE (the write lock). MySQL: the head row lock below serializes appenders.
        var isolation = database.Dialect == SqlDialect.Sqlite ? IsolationLevel.Serializable : IsolationLevel.ReadCommitted;
        await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);

        var headSql = database.Dialect == SqlDialect.MySql
            ? "SELECT last_position FROM event_feed_head WHERE id = 1 FOR UPDATE"
            : "SELECT last_position FROM event_feed_head WHERE id = 1";
        var head = await connection.ExecuteScalarAsync<long>(new CommandDefinition(headSql, transaction: transaction, cancellationToken: cancellationToken));

        var known = await FindStoredAsync(connection, transaction, events.Select(e => e.EventId).Distinct().ToList(), cancellationToken);
        var added = new List<FeedEvent>();
        var positions = new List<long>(events.Count);
        foreach (var feedEvent in events)
        {
            if (!known.TryGetValue(feedEvent.EventId, out var position))
            {
                position = ++head;
                known[feedEvent.EventId] = position;
                added.Add(feedEvent with { Position = position });
            }
            positions.Add(position);
        }

        foreach (var chunk in added.Chunk(RowsPerInsert))
        {
            await InsertAsync(connection, transaction, chunk, recordedAt, cancellationToken);
        }
        if (added.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE event_feed_head SET last_position = @head WHERE id = 1", new { head }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return new EventLogAppend(positions, added, head);
    }

    public async Task<IReadOnlyList<FeedEvent>> ReadAsync(long after, int limit, IReadOnlyCollection<string>? permissions = null, CancellationToken cancellationToken = default)
    {
        if (permissions is { Count: 0 })
        {
            return [];
        }
        var filter = permissions is null ? "" : " AND required_permission IN @permissions";
        var sql = $"SELECT {Columns} FROM event_log WHERE position > @after{filter} ORDER BY position LIMIT @limit";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, new { after, limit, permissions }, cancellationToken: cancellationToken));
        var events = new List<FeedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(ReadEvent(reader));
        }
        return events;
    }

    public async Task<long> GetHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT last_position FROM event_feed_head WHERE id = 1", cancellationToken: cancellationToken));
    }

    public async Task<int> DeleteRecordedBeforeAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken = default)
    {
        var sql = database.Dialect == SqlDialect.MySql
            ? "DELETE FROM event_log WHERE recorded_at < @cutoff ORDER BY position LIMIT @max"
            : "DELETE FROM event_log WHERE position IN (SELECT position FROM event_log WHERE recorded_at < @cutoff ORDER BY position LIMIT @max)";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            sql, new { cutoff = SqlTime.ToDb(cutoff, database.Dialect), max }, cancellationToken: cancellationToken));
    }

    private static async Task<Dictionary<Guid, long>> FindStoredAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var found = new Dictionary<Guid, long>();
        foreach (var chunk in ids.Chunk(RowsPerInsert))
        {
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                "SELECT event_id, position FROM event_log WHERE event_id IN @ids",
                new { ids = chunk.Select(id => id.ToString("D")).ToList() }, transaction, cancellationToken: ct));
            while (await reader.ReadAsync(ct))
            {
                found[SqlValues.ReadGuid(reader.GetValue(0))] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return found;
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, FeedEvent[] rows, DateTimeOffset recordedAt, CancellationToken ct)
    {
        var recorded = SqlTime.ToDb(recordedAt, database.Dialect);
        if (database.Dialect == SqlDialect.Sqlite)
        {
            // One short statement per row, prepared once and re-bound (Dapper runs it for each row on one command).
            // SQLite finds a named parameter by a linear search of the statement's names, and the provider checks
            // each added name against the collection the same way, so one multi-row statement costs the square of
            // its parameters: a 200-row batch (2,400 names) took more CPU than everything else in the append.
            var sql = $"INSERT INTO event_log ({Columns}) VALUES (@p, @id, @t, @o, @r, @perm, @pl, @ord, @u, @role, @pay, @roles)";
            await connection.ExecuteAsync(new CommandDefinition(sql, rows.Select(e => RowParameters(e, recorded)).ToList(), transaction, cancellationToken: ct));
            return;
        }
        var multiRow = new StringBuilder($"INSERT INTO event_log ({Columns}) VALUES ");
        var parameters = new DynamicParameters();
        for (var i = 0; i < rows.Length; i++)
        {
            var e = rows[i];
            multiRow.Append(i == 0 ? "" : ", ")
                .Append($"(@p{i}, @id{i}, @t{i}, @o{i}, @r{i}, @perm{i}, @pl{i}, @ord{i}, @u{i}, @role{i}, @pay{i}, @roles{i})");
            parameters.Add($"p{i}", e.Position);
            parameters.Add($"id{i}", e.EventId.ToString("D"));
            parameters.Add($"t{i}", e.Type);
            parameters.Add($"o{i}", SqlTime.ToDb(e.OccurredAt, database.Dialect));
            parameters.Add($"r{i}", recorded);
            parameters.Add($"perm{i}", e.RequiredPermission);
            parameters.Add($"pl{i}", e.Platform);
            parameters.Add($"ord{i}", e.OrderId?.ToString("D"));
            parameters.Add($"u{i}", e.AssigneeUserId);
            parameters.Add($"role{i}", e.Role);
            parameters.Add($"pay{i}", e.Payload);
            parameters.Add($"roles{i}", RolesColumn(e));
        }
        await connection.ExecuteAsync(new CommandDefinition(multiRow.ToString(), parameters, transaction, cancellationToken: ct));
    }

    private object RowParameters(FeedEvent e, object recorded) => new
    {
        p = e.Position,
        id = e.EventId.ToString("D"),
        t = e.Type,
        o = SqlTime.ToDb(e.OccurredAt, database.Dialect),
        r = recorded,
        perm = e.RequiredPermission,
        pl = e.Platform,
        ord = e.OrderId?.ToString("D"),
        u = e.AssigneeUserId,
        role = e.Role,
        pay = e.Payload,
        roles = RolesColumn(e),
    };

    private static string? RolesColumn(FeedEvent e) => e.Roles.Count == 0 ? null : JsonSerializer.Serialize(e.Roles);

    private static FeedEvent ReadEvent(DbDataReader reader) => new()
    {
        Position = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
        EventId = SqlValues.ReadGuid(reader.GetValue(1)),
        Type = reader.GetString(2),
        OccurredAt = SqlTime.FromDb(reader.GetValue(3)),
        RequiredPermission = reader.GetString(5),
        Platform = reader.IsDBNull(6) ? null : reader.GetString(6),
        OrderId = reader.IsDBNull(7) ? null : SqlValues.ReadGuid(reader.GetValue(7)),
        AssigneeUserId = reader.IsDBNull(8) ? null : reader.GetString(8),
        Role = reader.IsDBNull(9) ? null : reader.GetString(9),
        Payload = reader.GetString(10),
        Roles = reader.IsDBNull(11) ? [] : JsonSerializer.Deserialize<string[]>(reader.GetString(11)) ?? [],
    };
}

