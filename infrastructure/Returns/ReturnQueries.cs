using System.Globalization;
using Dapper;
using OrderActors.Database;

namespace OrderActors.Returns;

/// <summary>
/// The returns queue from the read model: filters, free text on RMA number and customer, newest first with keyset
/// paging (the predicate expanded, never a row constructor, so MariaDB uses an index range).
/// </summary>
public sealed class ReturnQueries(ReadModelDatabase database)
{
    public const int MaxLimit = 200;

    public async Task<ReturnListPage> ListAsync(ReturnListQuery query, CancellationToken cancellationToken = default)
    {
        var dialect = database.Dialect;
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (query.Statuses.Count > 0)
        {
            where.Add("status IN @statuses");
            parameters.Add("statuses", query.Statuses);
        }
        if (query.OrderId is { } orderId)
        {
            where.Add("order_id = @orderId");
            parameters.Add("orderId", orderId.ToString());
        }
        if (query.Channel is not null)
        {
            where.Add("channel = @channel");
            parameters.Add("channel", query.Channel);
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Add("(rma_number LIKE @text ESCAPE '!' OR customer_name LIKE @text ESCAPE '!')");
            parameters.Add("text", $"%{EscapeLike(query.Text.Trim())}%");
        }
        if (query.From is { } from)
        {
            where.Add("created_at >= @from");
            parameters.Add("from", SqlTime.ToDb(from, dialect));
        }
        if (query.To is { } to)
        {
            where.Add("created_at < @to");
            parameters.Add("to", SqlTime.ToDb(to, dialect));
        }
        if (query.After is { } after)
        {
            where.Add("(created_at < @afterAt OR (created_at = @afterAt AND id < @afterId))");
            parameters.Add("afterAt", SqlTime.ToDb(after.CreatedAt, dialect));
            parameters.Add("afterId", after.Id.ToString());
        }
        parameters.Add("take", limit + 1);
        var sql = "SELECT id, rma_number AS RmaNumber, order_id AS OrderId, status, channel, source, customer_name AS CustomerName, location, " +
                  "refund_value AS RefundValue, currency, created_at AS CreatedAt, updated_at AS UpdatedAt FROM returns" +
                  (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                  " ORDER BY created_at DESC, id DESC LIMIT @take";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => new ReturnSummary(
            SqlValues.ReadGuid(r.id), (string)r.RmaNumber, SqlValues.ReadGuid(r.OrderId), (string)r.status, (string)r.channel, (string)r.source,
            (string)r.CustomerName, (string)r.location, SqlValues.ReadMoney(r.RefundValue), (string)r.currency,
            SqlTime.FromDb((object)r.CreatedAt), SqlTime.FromDb((object)r.UpdatedAt))).ToList();
        var next = rows.Count > limit ? new ReturnListCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return new ReturnListPage(items, next);
    }

    private static string EscapeLike(string text) =>
        text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);
}
