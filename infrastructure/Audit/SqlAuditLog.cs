using Dapper;
using OrderActors.Database;

namespace OrderActors.Audit;

/// <summary>The audit log in the shared database (SQLite embedded, MySQL in a cluster).</summary>
public sealed class SqlAuditLog(ReadModelDatabase database, TimeProvider time) : IAuditLog
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var at = entry.OccurredAt == default ? time.GetUtcNow() : entry.OccurredAt;
        await using var c = await database.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (occurred_at, actor_kind, actor_id, actor_name, action, target, outcome, remote_address, details) " +
            "VALUES (@at, @ActorKind, @ActorId, @ActorName, @Action, @Target, @Outcome, @RemoteAddress, @Details)",
            new
            {
                at = at.ToUnixTimeMilliseconds(),
                entry.ActorKind,
                ActorId = Clip(entry.ActorId, 200),
                ActorName = Clip(entry.ActorName, 200),
                entry.Action,
                Target = Clip(entry.Target, 300),
                entry.Outcome,
                RemoteAddress = Clip(entry.RemoteAddress, 64),
                Details = Clip(entry.Details, 4000),
            },
            cancellationToken: cancellationToken));
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var p = new DynamicParameters();
        void Filter(string? value, string column)
        {
            if (value is not null)
            {
                where.Add($"{column} = @{column}");
                p.Add(column, value);
            }
        }
        Filter(query.ActorId, "actor_id");
        Filter(query.Action, "action");
        Filter(query.Target, "target");
        Filter(query.Outcome, "outcome");
        if (query.From is { } from)
        {
            where.Add("occurred_at >= @from");
            p.Add("from", from.ToUnixTimeMilliseconds());
        }
        if (query.To is { } to)
        {
            where.Add("occurred_at < @to");
            p.Add("to", to.ToUnixTimeMilliseconds());
        }
        if (query.Before is { } before)
        {
            where.Add("id < @before");
            p.Add("before", before);
        }
        var limit = Math.Clamp(query.Limit, 1, 500);
        p.Add("take", limit + 1);
        var sql = "SELECT id AS Id, occurred_at AS OccurredAtMs, actor_kind AS ActorKind, actor_id AS ActorId, actor_name AS ActorName, action AS Action, " +
                  "target AS Target, outcome AS Outcome, remote_address AS RemoteAddress, details AS Details FROM audit_log" +
                  (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY id DESC LIMIT @take";
        await using var c = await database.OpenAsync(cancellationToken);
        var rows = (await c.QueryAsync<Row>(new CommandDefinition(sql, p, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToEntry()).ToList();
        return new AuditPage(items, rows.Count > limit ? items[^1].Id : null);
    }

    private static string? Clip(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;

    private sealed class Row
    {
        public long Id { get; init; }
        public long OccurredAtMs { get; init; }
        public string ActorKind { get; init; } = "";
        public string ActorId { get; init; } = "";
        public string? ActorName { get; init; }
        public string Action { get; init; } = "";
        public string? Target { get; init; }
        public string Outcome { get; init; } = "";
        public string? RemoteAddress { get; init; }
        public string? Details { get; init; }

        public AuditEntry ToEntry() => new()
        {
            Id = Id,
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(OccurredAtMs),
            ActorKind = ActorKind,
            ActorId = ActorId,
            ActorName = ActorName,
            Action = Action,
            Target = Target,
            Outcome = Outcome,
            RemoteAddress = RemoteAddress,
            Details = Details,
        };
    }
}
