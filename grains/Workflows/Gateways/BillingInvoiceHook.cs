using OrderActors.Billing;
using OrderActors.Grains.Billing;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Gateways;

/// <summary>
/// Invoice steps through the billing grains. "invoice" issues the order's invoice in its store's default series under
/// the step's request id (a repeat finds the same invoice, so one number); an order that already has an issued invoice
/// keeps it and gets no second one. "refund" records a credit note on the order's invoice. Compensation voids only an
/// invoice the step itself issued.
/// </summary>
public sealed class BillingInvoiceHook(IGrainFactory grains, BillingOptions billing) : IInvoiceHook
{
    private const string Issued = "invoice";
    private const string Kept = "existing-invoice";
    private const string Credited = "credit-note";

    private static readonly Actor StepActor = new(ActorKind.Workflow, "invoice-step", "Workflow invoice step");

    public async Task<string> RequestAsync(string requestId, string kind, OrderFacts facts)
    {
        var order = await grains.GetGrain<IOrderGrain>(facts.OrderId).GetDetails()
            ?? throw new InvalidOperationException($"Order {facts.OrderId} does not exist.");
        if (kind == "refund")
        {
            return await RefundAsync(requestId, facts, order);
        }
        // The order's year, not today's: a repeat in a new year must find the same series and invoice.
        var series = InvoiceDrafts.DefaultSeries(order.AccountId, order.CreatedAt.Year);
        var requestKey = $"workflow:{requestId}";
        if (await grains.GetGrain<IInvoiceGrain>(InvoiceIdentity.For(series, requestKey)).GetDetails() is { } own)
        {
            return Reference(Issued, own);
        }
        if (await CurrentInvoiceAsync(order.Id) is { } existing)
        {
            return Reference(Kept, existing);
        }
        var invoice = await grains.GetGrain<IInvoiceSeriesGrain>(series)
            .Issue(requestKey, InvoiceDrafts.ForOrder(order, billing.TaxPolicyFor(order.AccountId), StepActor));
        return Reference(Issued, invoice);
    }

    public async Task VoidAsync(string reference, OrderFacts order)
    {
        var parts = reference.Split(':');
        if (parts.Length != 3 || !Guid.TryParse(parts[1], out var invoiceId))
        {
            throw new InvalidOperationException($"'{reference}' is not an invoice step reference.");
        }
        switch (parts[0])
        {
            case Issued:
                var result = await grains.GetGrain<IInvoiceGrain>(invoiceId).Void("workflow compensation", StepActor);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Invoice {parts[2]} could not be voided: {result.Error ?? result.Outcome.ToString()}");
                }
                break;
            case Kept:
                break;
            default:
                throw new InvalidOperationException($"Credit note {parts[2]} cannot be withdrawn; issue an invoice correction by hand.");
        }
    }

    private async Task<string> RefundAsync(string requestId, OrderFacts facts, OrderDetails order)
    {
        var invoice = await CurrentInvoiceAsync(order.Id)
            ?? throw new InvalidOperationException($"Order {order.Id} has no issued invoice to refund.");
        var amount = facts.Return?.Value ?? invoice.Totals.Gross - invoice.Credited;
        var result = await grains.GetGrain<IInvoiceGrain>(invoice.Id).IssueCreditNote(new IssueCreditNoteCommand(
            $"workflow:{requestId}", amount, facts.Return is { } r ? $"Return {r.RmaNumber}" : "Workflow refund", facts.Return?.ReturnId,
            RefundMethod.OriginalPayment, StepActor));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Refund on invoice {invoice.Number} refused: {result.Error}");
        }
        var note = result.Invoice!.CreditNotes.First(c => c.Id == result.ItemId);
        return $"{Credited}:{invoice.Id}:{note.Number}";
    }

    /// <summary>The order's newest invoice that is not voided.</summary>
    private async Task<InvoiceDetails?> CurrentInvoiceAsync(Guid orderId)
    {
        var summary = await grains.GetGrain<IOrderBillingGrain>(orderId).GetSummary();
        foreach (var reference in summary.Invoices.Reverse())
        {
            if (await grains.GetGrain<IInvoiceGrain>(reference.InvoiceId).GetDetails() is { Status: InvoiceStatus.Issued } issued)
            {
                return issued;
            }
        }
        return null;
    }

    private static string Reference(string kind, InvoiceDetails invoice) => $"{kind}:{invoice.Id}:{invoice.Number}";
}
