using System.Globalization;
using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Billing;

namespace OrderActors.Billing;

/// <summary>Upserts an invoice's row; an older version never overwrites a newer one.</summary>
public sealed class SqlInvoiceProjection(ReadModelDatabase database) : IInvoiceProjection
{
    private const string Columns =
        "id, version, series, sequence_no, number, order_id, store_id, customer_name, currency, gross, paid, credited, balance_due, status, external_status, issued_at";

    private const string Values =
        "@Id, @Version, @Series, @Sequence, @Number, @OrderId, @StoreId, @CustomerName, @Currency, @Gross, @Paid, @Credited, @BalanceDue, @Status, @ExternalStatus, @IssuedAt";

    private static readonly string[] Updated = ["paid", "credited", "balance_due", "status", "external_status"];

    private static readonly string MySqlUpsert =
        $"INSERT INTO invoices ({Columns}) VALUES ({Values}) ON DUPLICATE KEY UPDATE " +
        string.Join(", ", Updated.Select(c => $"{c} = IF(VALUES(version) > version, VALUES({c}), {c})")) +
        ", version = GREATEST(version, VALUES(version))";

    private static readonly string SqliteUpsert =
        $"INSERT INTO invoices ({Columns}) VALUES ({Values}) ON CONFLICT(id) DO UPDATE SET " +
        string.Join(", ", Updated.Select(c => $"{c} = excluded.{c}")) +
        ", version = excluded.version WHERE excluded.version > invoices.version";

    public async Task ProjectAsync(InvoiceDetails invoice, CancellationToken cancellationToken = default)
    {
        var sqlite = database.Dialect == SqlDialect.Sqlite;
        object Money(decimal d) => sqlite ? d.ToString(CultureInfo.InvariantCulture) : d;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sqlite ? SqliteUpsert : MySqlUpsert, new
        {
            Id = invoice.Id.ToString(),
            invoice.Version,
            invoice.Series,
            invoice.Sequence,
            invoice.Number,
            OrderId = invoice.OrderId.ToString(),
            invoice.StoreId,
            invoice.CustomerName,
            invoice.Currency,
            Gross = Money(invoice.Totals.Gross),
            Paid = Money(invoice.Paid),
            Credited = Money(invoice.Credited),
            BalanceDue = Money(invoice.BalanceDue),
            Status = invoice.Status.ToString(),
            ExternalStatus = invoice.ExternalBilling.Status.ToString(),
            IssuedAt = SqlTime.ToDb(invoice.IssuedAt, database.Dialect),
        }, cancellationToken: cancellationToken));
    }
}
