using OrderActors.Billing;
using OrderActors.IntegrationTests.Returns;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Billing;

/// <summary>The invoice list read model on MariaDB (the cluster dialect) and on embedded SQLite.</summary>
public sealed class InvoiceReadModelTests(ReturnsReadModelDatabases databases) : IClassFixture<ReturnsReadModelDatabases>
{
    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task An_invoice_is_listed_by_order_with_its_newest_version(string dialect)
    {
        var database = databases.For(dialect);
        var projection = new SqlInvoiceProjection(database);
        var orderId = Guid.NewGuid();
        var series = $"RM-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var invoice = new InvoiceDetails
        {
            Id = Guid.NewGuid(),
            Series = series,
            Sequence = 1,
            Number = $"{series}-000001",
            OrderId = orderId,
            StoreId = "STORE1",
            Currency = "VND",
            PricesIncludeTax = true,
            CustomerName = "Nguyen Van An",
            Lines = [],
            Totals = new InvoiceTotals(222445m, 24469m, 246914m),
            IssuedAt = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero),
            IssuedBy = new Actor(ActorKind.User, "clerk-1"),
        };

        await projection.ProjectAsync(invoice with { Version = 2, Status = InvoiceStatus.Voided, VoidReason = "wrong customer" });
        await projection.ProjectAsync(invoice);

        var row = Assert.Single(await new InvoiceQueries(database).ListAsync(orderId, null, null, 10));
        Assert.Equal((invoice.Id, invoice.Number, orderId, "Voided", 246914m), (row.Id, row.Number, row.OrderId, row.Status, row.Gross));
    }
}
