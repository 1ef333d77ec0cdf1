using OrderActors.Billing;

namespace OrderActors.Billing;

/// <summary>The JSON body sent to the external billing endpoint (docs/pos-billing-contract.md).</summary>
public sealed record ExternalInvoice(
    Guid InvoiceId,
    string Number,
    Guid OrderId,
    string? PlatformOrderId,
    string StoreId,
    string CustomerName,
    string Currency,
    bool PricesIncludeTax,
    IReadOnlyList<ExternalInvoiceLine> Lines,
    decimal Net,
    decimal Tax,
    decimal Gross,
    DateTimeOffset IssuedAt)
{
    public static ExternalInvoice From(InvoiceDetails i) => new(
        i.Id, i.Number, i.OrderId, i.PlatformOrderId, i.StoreId, i.CustomerName, i.Currency, i.PricesIncludeTax,
        i.Lines.Select(l => new ExternalInvoiceLine(l.Sku, l.Description, l.Quantity, l.UnitPrice, l.Discount, l.TaxRate, l.Net, l.Tax, l.Gross)).ToList(),
        i.Totals.Net, i.Totals.Tax, i.Totals.Gross, i.IssuedAt);
}

public sealed record ExternalInvoiceLine(string Sku, string Description, int Quantity, decimal UnitPrice, decimal Discount, decimal TaxRate, decimal Net, decimal Tax, decimal Gross);

/// <summary>The endpoint's answer: its own fiscal number for the invoice.</summary>
public sealed record ExternalInvoiceReceipt(string? FiscalNumber);
