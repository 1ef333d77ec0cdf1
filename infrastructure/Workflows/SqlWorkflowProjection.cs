using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Workflows.Instances;
using OrderActors.Workflows;

namespace OrderActors.Workflows.ReadModel;

/// <summary>Upserts an instance row and its task rows in one transaction; older revisions and versions never win.</summary>
public sealed class SqlWorkflowProjection(ReadModelDatabase database) : IWorkflowProjection
{
    private const string InstanceColumns = "instance_key, order_id, flow_id, flow_version, status, current_step, revision, started_at, updated_at";
    private const string InstanceValues = "@InstanceKey, @OrderId, @FlowId, @FlowVersion, @Status, @CurrentStep, @Revision, @StartedAt, @UpdatedAt";
    private static readonly string[] InstanceUpdated = ["status", "current_step", "updated_at"];

    private const string TaskColumns =
        "id, instance_key, order_id, flow_id, step_id, step_type, status, is_open, role, escalation_role, assignee, priority, due_at, created_at, updated_at, version";
    private const string TaskValues =
        "@Id, @InstanceKey, @OrderId, @FlowId, @StepId, @StepType, @Status, @IsOpen, @Role, @EscalationRole, @Assignee, @Priority, @DueAt, @CreatedAt, @UpdatedAt, @Version";
    private static readonly string[] TaskUpdated = ["status", "is_open", "role", "escalation_role", "assignee", "priority", "due_at", "updated_at"];

    private static string MySql(string table, string columns, string values, string[] updated, string versionColumn) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON DUPLICATE KEY UPDATE " +
        string.Join(", ", updated.Select(c => $"{c} = IF(VALUES({versionColumn}) > {versionColumn}, VALUES({c}), {c})")) +
        $", {versionColumn} = GREATEST({versionColumn}, VALUES({versionColumn}))";

    private static string Sqlite(string table, string key, string columns, string values, string[] updated, string versionColumn) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT({key}) DO UPDATE SET " +
        string.Join(", ", updated.Select(c => $"{c} = excluded.{c}")) +
        $", {versionColumn} = excluded.{versionColumn} WHERE excluded.{versionColumn} > {table}.{versionColumn}";

    public async Task ProjectAsync(WorkflowInstanceView instance, CancellationToken cancellationToken = default)
    {
        var dialect = database.Dialect;
        var mySql = dialect == SqlDialect.MySql;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            mySql
                ? MySql("workflow_instances", InstanceColumns, InstanceValues, InstanceUpdated, "revision")
                : Sqlite("workflow_instances", "instance_key", InstanceColumns, InstanceValues, InstanceUpdated, "revision"),
            new
            {
                InstanceKey = instance.Key,
                OrderId = instance.OrderId.ToString(),
                instance.FlowId,
                FlowVersion = instance.Version,
                Status = instance.Status.ToString(),
                instance.CurrentStep,
                instance.Revision,
                StartedAt = SqlTime.ToDb(instance.StartedAt, dialect),
                UpdatedAt = SqlTime.ToDb(instance.UpdatedAt, dialect),
            }, transaction, cancellationToken: cancellationToken));
        if (instance.Tasks.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                mySql
                    ? MySql("workflow_tasks", TaskColumns, TaskValues, TaskUpdated, "version")
                    : Sqlite("workflow_tasks", "id", TaskColumns, TaskValues, TaskUpdated, "version"),
                instance.Tasks.Select(t => new
                {
                    t.Id,
                    InstanceKey = instance.Key,
                    OrderId = t.OrderId.ToString(),
                    t.FlowId,
                    t.StepId,
                    StepType = t.StepType.ToString(),
                    Status = t.Status.ToString(),
                    IsOpen = t.IsOpen ? 1 : 0,
                    Role = t.Roles.Count > 0 ? t.Roles[0] : null,
                    EscalationRole = t.Roles.Count > 1 ? t.Roles[^1] : null,
                    t.Assignee,
                    t.Priority,
                    DueAt = t.DueAt is { } due ? SqlTime.ToDb(due, dialect) : null,
                    CreatedAt = SqlTime.ToDb(t.CreatedAt, dialect),
                    UpdatedAt = SqlTime.ToDb(t.UpdatedAt, dialect),
                    t.Version,
                }), transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
