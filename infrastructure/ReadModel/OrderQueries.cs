using System.Globalization;
using Dapper;
using OrderActors.Database;

namespace OrderActors.ReadModel;

/// <summary>Order lists from the read model, newest first, with keyset paging.</summary>
public sealed class OrderQueries(ReadModelDatabase database)
{
    public async Task<OrderListPage> ListAsync(OrderListQuery query, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (query.Platform is { } platform)
        {
            where.Add("platform = @platform");
            parameters.Add("platform", platform);
        }
        if (query.Status is { } status)
        {
            where.Add("status = @status");
            parameters.Add("status", status);
        }
        if (query.WorkflowStatus is { } workflowStatus)
        {
            where.Add("workflow_status = @workflowStatus");
            parameters.Add("workflowStatus", workflowStatus);
        }
        if (query.From is { } from)
        {
            where.Add("order_date >= @from");
            parameters.Add("from", SqlTime.ToDb(from, database.Dialect));
        }
        if (query.To is { } to)
        {
            where.Add("order_date < @to");
            parameters.Add("to", SqlTime.ToDb(to, database.Dialect));
        }
        if (OrderListCursor.TryDecode(query.After, out var cursor) && cursor is not null)
        {
            // Expanded rather than a row constructor: MariaDB only uses the index range for this form.
            where.Add("(order_date < @afterDate OR (order_date = @afterDate AND id < @afterId))");
            parameters.Add("afterDate", SqlTime.ToDb(cursor.OrderDate, database.Dialect));
            parameters.Add("afterId", cursor.Id.ToString());
        }
        var limit = Math.Clamp(query.Limit, 1, 500);
        parameters.Add("take", limit + 1);

        var sql = "SELECT id, platform, account_id AS AccountId, platform_order_id AS PlatformOrderId, status, " +
                  "workflow_status AS WorkflowStatus, sync_status AS SyncStatus, customer_name AS CustomerName, currency, " +
                  "grand_total AS GrandTotal, item_count AS ItemCount, order_date AS OrderDate, updated_at AS UpdatedAt FROM orders" +
                  (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                  " ORDER BY order_date DESC, id DESC LIMIT @take";

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(ToSummary).ToList();
        var next = rows.Count > limit ? new OrderListCursor(items[^1].OrderDate, items[^1].Id).Encode() : null;
        return new OrderListPage(items, next);
    }

    // MySqlConnector returns CHAR(36) as Guid; SQLite returns text.
    private static Guid ReadGuid(object value) => value is Guid g ? g : Guid.Parse((string)value);

    private static OrderSummary ToSummary(dynamic row) => new(
        ReadGuid((object)row.id),
        (string)row.platform,
        (string)row.AccountId,
        (string)row.PlatformOrderId,
        (string)row.status,
        (string)row.WorkflowStatus,
        (string)row.SyncStatus,
        (string)row.CustomerName,
        (string)row.currency,
        Convert.ToDecimal((object)row.GrandTotal, CultureInfo.InvariantCulture),
        Convert.ToInt32((object)row.ItemCount, CultureInfo.InvariantCulture),
        SqlTime.FromDb((object)row.OrderDate),
        SqlTime.FromDb((object)row.UpdatedAt));
}
