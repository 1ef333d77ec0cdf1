using OrderActors.Database;
using OrderActors.Grains.Workflows.Instances;
using OrderActors.Workflows;

namespace OrderActors.Workflows.ReadModel;

/// <summary>Upserts instance rows and their task rows in one transaction; older revisions and versions never win.</summary>
public sealed class SqlWorkflowProjection(ReadModelDatabase database) : IWorkflowProjection
{
    private static readonly string[] InstanceColumns =
        ["instance_key", "order_id", "flow_id", "flow_version", "status", "current_step", "revision", "started_at", "updated_at"];
    private static readonly string[] InstanceUpdated = ["status", "current_step", "updated_at"];

    private static readonly string[] TaskColumns =
    [
        "id", "instance_key", "order_id", "flow_id", "step_id", "step_type", "status", "is_open", "role", "escalation_role", "assignee", "priority",
        "due_at", "created_at", "updated_at", "version",
    ];
    private static readonly string[] TaskUpdated = ["status", "is_open", "role", "escalation_role", "assignee", "priority", "due_at", "updated_at"];

    private static string MySqlUpsert(string[] updated, string versionColumn) =>
        " ON DUPLICATE KEY UPDATE " +
        string.Join(", ", updated.Select(c => $"{c} = IF(VALUES({versionColumn}) > {versionColumn}, VALUES({c}), {c})")) +
        $", {versionColumn} = GREATEST({versionColumn}, VALUES({versionColumn}))";

    private static string SqliteUpsert(string table, string key, string[] updated, string versionColumn) =>
        $" ON CONFLICT({key}) DO UPDATE SET " +
        string.Join(", ", updated.Select(c => $"{c} = excluded.{c}")) +
        $", {versionColumn} = excluded.{versionColumn} WHERE excluded.{versionColumn} > {table}.{versionColumn}";

    public Task ProjectAsync(WorkflowInstanceView instance, CancellationToken cancellationToken = default) =>
        ProjectManyAsync([instance], cancellationToken);

    /// <summary>Upserts the instances and their tasks in one transaction (one multi-row statement per table).</summary>
    public async Task ProjectManyAsync(IReadOnlyList<WorkflowInstanceView> instances, CancellationToken cancellationToken = default)
    {
        var dialect = database.Dialect;
        var mySql = dialect == SqlDialect.MySql;
        // Key order, so two writers' transactions take row locks in the same order.
        var ordered = instances.OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await MultiRowInsert.ExecuteAsync(connection, transaction, dialect, "workflow_instances", InstanceColumns, ordered.Select(instance => new object?[]
            {
                instance.Key,
                instance.OrderId.ToString(),
                instance.FlowId,
                instance.Version,
                instance.Status.ToString(),
                instance.CurrentStep,
                instance.Revision,
                SqlTime.ToDb(instance.StartedAt, dialect),
                SqlTime.ToDb(instance.UpdatedAt, dialect),
            }).ToList(), ignoreDuplicates: false, cancellationToken,
            mySql ? MySqlUpsert(InstanceUpdated, "revision") : SqliteUpsert("workflow_instances", "instance_key", InstanceUpdated, "revision"));
        var tasks = ordered.SelectMany(instance => instance.Tasks.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => new object?[]
        {
            t.Id,
            instance.Key,
            t.OrderId.ToString(),
            t.FlowId,
            t.StepId,
            t.StepType.ToString(),
            t.Status.ToString(),
            t.IsOpen ? 1 : 0,
            t.Roles.Count > 0 ? t.Roles[0] : null,
            t.Roles.Count > 1 ? t.Roles[^1] : null,
            t.Assignee,
            t.Priority,
            t.DueAt is { } due ? SqlTime.ToDb(due, dialect) : null,
            SqlTime.ToDb(t.CreatedAt, dialect),
            SqlTime.ToDb(t.UpdatedAt, dialect),
            t.Version,
        })).ToList();
        if (tasks.Count > 0)
        {
            await MultiRowInsert.ExecuteAsync(connection, transaction, dialect, "workflow_tasks", TaskColumns, tasks, ignoreDuplicates: false, cancellationToken,
                mySql ? MySqlUpsert(TaskUpdated, "version") : SqliteUpsert("workflow_tasks", "id", TaskUpdated, "version"));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
