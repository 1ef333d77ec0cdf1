using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Billing;

namespace OrderActors.Billing;

public sealed class SqlClerkTaskStore(ReadModelDatabase database) : IClerkTaskStore
{
    private const string Columns = "kind, reference, title, form_json AS FormJson, status, created_at AS CreatedAt, closed_at AS ClosedAt, resolution";

    public async Task OpenAsync(ClerkTask task, CancellationToken cancellationToken = default)
    {
        var insert = database.Dialect == SqlDialect.MySql ? "INSERT IGNORE INTO" : "INSERT OR IGNORE INTO";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"{insert} clerk_tasks (kind, reference, title, form_json, status, created_at) VALUES (@Kind, @Reference, @Title, @FormJson, @Status, @CreatedAt)",
            new { task.Kind, task.Reference, task.Title, task.FormJson, task.Status, CreatedAt = SqlTime.ToDb(task.CreatedAt, database.Dialect) },
            cancellationToken: cancellationToken));
    }

    public async Task CloseAsync(string kind, string reference, string resolution, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE clerk_tasks SET status = @Closed, closed_at = @At, resolution = @Resolution WHERE kind = @Kind AND reference = @Reference AND status = @Open",
            new { Closed = ClerkTask.Closed, Open = ClerkTask.Open, At = SqlTime.ToDb(at, database.Dialect), Resolution = resolution[..Math.Min(resolution.Length, 400)], Kind = kind, Reference = reference },
            cancellationToken: cancellationToken));
    }

    public async Task<ClerkTask?> GetAsync(string kind, string reference, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync(new CommandDefinition(
            $"SELECT {Columns} FROM clerk_tasks WHERE kind = @kind AND reference = @reference", new { kind, reference }, cancellationToken: cancellationToken));
        return row is null ? null : Map(row);
    }

    public async Task<IReadOnlyList<ClerkTask>> ListAsync(string kind, string? status, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(new CommandDefinition(
            $"SELECT {Columns} FROM clerk_tasks WHERE kind = @kind" + (status is null ? "" : " AND status = @status") + " ORDER BY created_at DESC LIMIT @limit",
            new { kind, status, limit = Math.Clamp(limit, 1, 500) }, cancellationToken: cancellationToken));
        return rows.Select(Map).ToList();
    }

    private static ClerkTask Map(dynamic r) => new(
        (string)r.kind, (string)r.reference, (string)r.title, (string)r.FormJson, (string)r.status,
        SqlTime.FromDb((object)r.CreatedAt), r.ClosedAt is null ? null : SqlTime.FromDb((object)r.ClosedAt), (string?)r.resolution);
}
