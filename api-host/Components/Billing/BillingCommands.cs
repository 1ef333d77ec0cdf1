using OrderActors.ApiHost.Apis.Billing;
using OrderActors.ApiHost.Components.Live;
using OrderActors.ApiHost.Security;
using OrderActors.Audit;
using OrderActors.Billing;
using OrderActors.Grains.Billing;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Components.Billing;

/// <summary>
/// Invoice commands from the dashboard with the rules of <c>/api/invoices</c>: payments, credit notes, voiding,
/// issuing an order's invoice (<see cref="InvoiceIssuer"/>, the API's own) and completing manual billing when the POS
/// billing endpoint was down. Each command carries a fresh operation id, as an API call without an Idempotency-Key does.
/// </summary>
public sealed class BillingCommands(IClusterClient orleans, InvoiceIssuer issuer, DashboardUser user, DashboardAudit audit)
{
    public const int MaxReasonLength = 400;
    public const int MaxReferenceLength = 200;
    public const int MaxExternalReferenceLength = 128;

    public Task<InvoiceDetails?> GetAsync(Guid id) => orleans.GetGrain<IInvoiceGrain>(id).GetDetails();

    public Task<OrderBillingSummary> OrderBillingAsync(Guid orderId) => orleans.GetGrain<IOrderBillingGrain>(orderId).GetSummary();

    public Task<BillingActionResult> RecordPaymentAsync(Guid id, PaymentMethod method, decimal? amount, decimal? tendered, string? reference)
    {
        string? problem = amount is not > 0 ? "amount must be positive."
            : tendered is not null && method != PaymentMethod.Cash ? "tendered applies to cash only."
            : tendered is not null && tendered < amount ? "tendered must be at least amount."
            : reference is { Length: > MaxReferenceLength } ? $"reference is at most {MaxReferenceLength} characters."
            : null;
        return RunAsync(id, "payments", problem, async (grain, actor) =>
            await grain.RecordPayment(new RecordPaymentCommand($"dashboard:{Guid.NewGuid():N}", method, amount ?? 0, tendered, Blank(reference), actor)),
            $"Payment of {amount} recorded.");
    }

    public Task<BillingActionResult> IssueCreditNoteAsync(Guid id, decimal? amount, string? reason, RefundMethod refundMethod)
    {
        string? problem = amount is not > 0 ? "amount must be positive."
            : string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength ? $"reason is required (at most {MaxReasonLength} characters)."
            : null;
        return RunAsync(id, "credit-notes", problem, (grain, actor) =>
            grain.IssueCreditNote(new IssueCreditNoteCommand($"dashboard:{Guid.NewGuid():N}", amount ?? 0, reason!.Trim(), null, refundMethod, actor)),
            "Credit note issued.");
    }

    public Task<BillingActionResult> VoidAsync(Guid id, string? reason) =>
        RunAsync(id, "void",
            string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength ? $"reason is required (at most {MaxReasonLength} characters)." : null,
            (grain, actor) => grain.Void(reason!.Trim(), actor), "Invoice voided.");

    /// <summary>The clerk billed the invoice by hand in the fiscal system and types its number here.</summary>
    public Task<BillingActionResult> CompleteManualBillingAsync(Guid id, string? externalReference) =>
        RunAsync(id, "manual-billing",
            string.IsNullOrWhiteSpace(externalReference) || externalReference.Trim().Length > MaxExternalReferenceLength
                ? $"The fiscal number written by hand is required, at most {MaxExternalReferenceLength} characters."
                : null,
            (grain, actor) => grain.CompleteManualBilling(externalReference!.Trim(), actor), "Billed by hand: the task is closed.");

    /// <summary>Issues the order's invoice in its store's default series; asking again answers with the same invoice.</summary>
    public async Task<BillingActionResult> IssueForOrderAsync(Guid orderId)
    {
        if (!await user.HasAsync(Permissions.BillingWrite))
        {
            return BillingActionResult.Failed("You may not change invoices.");
        }
        if (await orleans.GetGrain<IOrderGrain>(orderId).GetDetails() is not { } order)
        {
            return BillingActionResult.Failed("Order not found.");
        }
        var (invoice, created) = await issuer.IssueAsync(order, null, InvoiceDrafts.OrderKey(order.Id), await user.GetActorAsync());
        await audit.RecordAsync("dashboard orders.invoices", $"id={orderId}", AuditOutcome.Success, invoice.Number);
        return new BillingActionResult(true, created ? $"Invoice {invoice.Number} issued." : $"Invoice {invoice.Number} was already issued.", invoice);
    }

    public async Task<int> RetryExternalBillingAsync()
    {
        var stillQueued = await orleans.GetGrain<IExternalBillingOutboxGrain>(0).Flush();
        await audit.RecordAsync("dashboard invoices.external-billing.retry", null, AuditOutcome.Success, $"{stillQueued} still queued");
        return stillQueued;
    }

    private async Task<BillingActionResult> RunAsync(Guid id, string action, string? inputProblem,
        Func<IInvoiceGrain, Actor, Task<InvoiceCommandResult>> send, string done)
    {
        if (!await user.HasAsync(Permissions.BillingWrite))
        {
            return BillingActionResult.Failed("You may not change invoices.");
        }
        if (inputProblem is not null)
        {
            return BillingActionResult.Failed(inputProblem);
        }
        BillingActionResult outcome;
        try
        {
            var result = await send(orleans.GetGrain<IInvoiceGrain>(id), await user.GetActorAsync());
            outcome = result.Outcome switch
            {
                InvoiceCommandOutcome.Applied => new(true, done, result.Invoice),
                InvoiceCommandOutcome.Repeated => new(true, "Already done.", result.Invoice),
                InvoiceCommandOutcome.NotFound => BillingActionResult.Failed("Invoice not found."),
                _ => new(false, result.Error ?? "The invoice does not allow this.", result.Invoice),
            };
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return BillingActionResult.Failed("The invoice did not answer; try again.");
        }
        await audit.RecordAsync($"dashboard invoices.{action}", $"id={id}", outcome.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure, outcome.Message);
        return outcome;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
