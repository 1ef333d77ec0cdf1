namespace OrderActors.Billing;

/// <summary>Per order (same Guid as the order): which invoices it has and the "manual billing" flag.</summary>
public interface IOrderBillingGrain : IGrainWithGuidKey
{
    Task AddInvoice(OrderInvoiceRef invoice);

    /// <summary>Sets or clears the manual-billing flag contributed by one invoice.</summary>
    Task SetManualBilling(Guid invoiceId, bool needsManualBilling);

    Task<OrderBillingSummary> GetSummary();
}
