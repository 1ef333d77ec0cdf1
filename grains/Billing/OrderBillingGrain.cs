using OrderActors.Billing;

namespace OrderActors.Grains.Billing;

public sealed class OrderBillingGrain(
    [PersistentState("order-billing")] IPersistentState<OrderBillingState> state) : Grain, IOrderBillingGrain
{
    public async Task AddInvoice(OrderInvoiceRef invoice)
    {
        if (state.State.Invoices.Exists(i => i.InvoiceId == invoice.InvoiceId))
        {
            return;
        }
        state.State.Invoices.Add(invoice);
        await state.WriteStateAsync();
    }

    public async Task SetManualBilling(Guid invoiceId, bool needsManualBilling)
    {
        var changed = needsManualBilling
            ? state.State.NeedingManualBilling.Add(invoiceId)
            : state.State.NeedingManualBilling.Remove(invoiceId);
        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<OrderBillingSummary> GetSummary() => Task.FromResult(new OrderBillingSummary(
        this.GetPrimaryKey(),
        state.State.Invoices.ToList(),
        state.State.NeedingManualBilling.Count > 0,
        state.State.NeedingManualBilling.ToList()));
}
