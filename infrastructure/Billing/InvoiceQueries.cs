using System.Globalization;
using Dapper;
using OrderActors.Database;

namespace OrderActors.Billing;

/// <summary>Invoice lists from the read model, newest first.</summary>
public sealed class InvoiceQueries(ReadModelDatabase database)
{
    public async Task<IReadOnlyList<InvoiceSummary>> ListAsync(Guid? orderId, string? series, string? status, int limit, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        if (orderId is not null)
        {
            where.Add("order_id = @orderId");
        }
        if (series is not null)
        {
            where.Add("series = @series");
        }
        if (status is not null)
        {
            where.Add("status = @status");
        }
        var sql = "SELECT id, number, series, sequence_no AS SequenceNo, order_id AS OrderId, store_id AS StoreId, customer_name AS CustomerName, currency, " +
                  "gross, paid, credited, balance_due AS BalanceDue, status, external_status AS ExternalStatus, issued_at AS IssuedAt FROM invoices" +
                  (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                  " ORDER BY issued_at DESC, id DESC LIMIT @limit";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(new CommandDefinition(sql, new { orderId = orderId?.ToString(), series, status, limit = Math.Clamp(limit, 1, 500) }, cancellationToken: cancellationToken));
        return rows.Select(r => new InvoiceSummary(
            SqlValues.ReadGuid(r.id), (string)r.number, (string)r.series, Convert.ToInt64(r.SequenceNo, CultureInfo.InvariantCulture),
            SqlValues.ReadGuid(r.OrderId), (string)r.StoreId, (string)r.CustomerName, (string)r.currency,
            SqlValues.ReadMoney(r.gross), SqlValues.ReadMoney(r.paid), SqlValues.ReadMoney(r.credited), SqlValues.ReadMoney(r.BalanceDue),
            (string)r.status, (string)r.ExternalStatus, SqlTime.FromDb((object)r.IssuedAt))).ToList();
    }
}
