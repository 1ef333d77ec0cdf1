using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Workflows.Tasks;

namespace OrderActors.Workflows.ReadModel;

/// <summary>One row of a caller's inbox.</summary>
public sealed record InboxItem(
    string Id,
    Guid OrderId,
    string FlowId,
    string StepId,
    string StepType,
    string Status,
    int Priority,
    DateTimeOffset? DueAt,
    string? Assignee,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt);

/// <summary>Reads of the workflow read model: inboxes, instances per order, and workloads for assignment.</summary>
public sealed class WorkflowQueries(ReadModelDatabase database) : ITaskWorkload
{
    public const int MaxInbox = 500;

    /// <summary>
    /// Open tasks assigned to the user, plus unassigned ones in the pool of one of the user's roles, highest priority
    /// first, then the earliest due (no due time last), then the oldest.
    /// </summary>
    public async Task<IReadOnlyList<InboxItem>> InboxAsync(string userId, IReadOnlyList<string> roles, int limit, CancellationToken cancellationToken = default)
    {
        var rolePool = roles.Count == 0
            ? ""
            : " OR (assignee IS NULL AND (role IN @Roles OR escalation_role IN @Roles))";
        var sql =
            "SELECT id, order_id, flow_id, step_id, step_type, status, priority, due_at, assignee, role, escalation_role, created_at " +
            $"FROM workflow_tasks WHERE is_open = 1 AND (assignee = @UserId{rolePool}) " +
            "ORDER BY priority DESC, CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, created_at, id LIMIT @Limit";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(new CommandDefinition(sql, new { UserId = userId, Roles = roles, Limit = Math.Clamp(limit, 1, MaxInbox) }, cancellationToken: cancellationToken));
        return rows.Select(r => new InboxItem(
            (string)r.id,
            // MySqlConnector reads CHAR(36) as a Guid; SQLite gives text.
            r.order_id is Guid orderId ? orderId : Guid.Parse((string)r.order_id),
            (string)r.flow_id,
            (string)r.step_id,
            (string)r.step_type,
            (string)r.status,
            (int)Convert.ToInt64(r.priority),
            r.due_at is null ? null : SqlTime.FromDb((object)r.due_at),
            (string?)r.assignee,
            new[] { (string?)r.role, (string?)r.escalation_role }.OfType<string>().ToList(),
            SqlTime.FromDb((object)r.created_at))).ToList();
    }

    /// <summary>Instance keys of an order, oldest first.</summary>
    public async Task<IReadOnlyList<string>> InstancesOfOrderAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var keys = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT instance_key FROM workflow_instances WHERE order_id = @OrderId ORDER BY started_at, instance_key",
            new { OrderId = orderId.ToString() }, cancellationToken: cancellationToken));
        return keys.ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> GetOpenTaskCountsAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<string, int>();
        }
        await using var connection = await database.OpenForReadsAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Assignee, long Open)>(new CommandDefinition(
            "SELECT assignee, COUNT(*) FROM workflow_tasks WHERE is_open = 1 AND assignee IN @Users GROUP BY assignee",
            new { Users = userIds }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Assignee, r => (int)r.Open, StringComparer.Ordinal);
    }
}
