using Dapper;
using OrderActors.Database;
using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>Upserts an order's row; an older version never overwrites a newer one, so replays and reorders are harmless.</summary>
public sealed class SqlOrderProjection(ReadModelDatabase database) : IOrderProjection
{
    private const string Columns =
        "id, version, platform, account_id, platform_order_id, status, workflow_status, sync_status, customer_name, " +
        "customer_email, customer_phone, currency, grand_total, item_count, order_date, created_at, updated_at";

    private const string Values =
        "@Id, @Version, @Platform, @AccountId, @PlatformOrderId, @Status, @WorkflowStatus, @SyncStatus, @CustomerName, " +
        "@CustomerEmail, @CustomerPhone, @Currency, @GrandTotal, @ItemCount, @OrderDate, @CreatedAt, @UpdatedAt";

    private static readonly string[] UpdatedColumns =
    [
        "status", "workflow_status", "sync_status", "customer_name", "customer_email", "customer_phone",
        "currency", "grand_total", "item_count", "order_date", "updated_at",
    ];

    // MySQL evaluates the assignments left to right, so `version` must be assigned last.
    private static readonly string MySqlUpsert =
        $"INSERT INTO orders ({Columns}) VALUES ({Values}) ON DUPLICATE KEY UPDATE " +
        string.Join(", ", UpdatedColumns.Select(c => $"{c} = IF(VALUES(version) > version, VALUES({c}), {c})")) +
        ", version = GREATEST(version, VALUES(version))";

    private static readonly string SqliteUpsert =
        $"INSERT INTO orders ({Columns}) VALUES ({Values}) ON CONFLICT(id) DO UPDATE SET " +
        string.Join(", ", UpdatedColumns.Select(c => $"{c} = excluded.{c}")) +
        ", version = excluded.version WHERE excluded.version > orders.version";

    public async Task ProjectAsync(OrderDetails order, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = database.Dialect == SqlDialect.MySql ? MySqlUpsert : SqliteUpsert;
        await connection.ExecuteAsync(new CommandDefinition(sql, OrderRow.From(order, database.Dialect), cancellationToken: cancellationToken));
    }
}
