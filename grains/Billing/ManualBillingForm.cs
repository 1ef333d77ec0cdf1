using OrderActors.Billing;

namespace OrderActors.Grains.Billing;

/// <summary>The prefilled form of a manual billing task: everything a clerk types into the fiscal system.</summary>
public sealed record ManualBillingForm(
    Guid InvoiceId,
    string InvoiceNumber,
    Guid OrderId,
    string? PlatformOrderId,
    string StoreId,
    string CustomerName,
    string Currency,
    bool PricesIncludeTax,
    IReadOnlyList<InvoiceLine> Lines,
    InvoiceTotals Totals,
    DateTimeOffset IssuedAt)
{
    public static ManualBillingForm From(InvoiceDetails i) =>
        new(i.Id, i.Number, i.OrderId, i.PlatformOrderId, i.StoreId, i.CustomerName, i.Currency, i.PricesIncludeTax, i.Lines, i.Totals, i.IssuedAt);
}
