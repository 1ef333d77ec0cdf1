namespace OrderActors.Billing;

/// <summary>One issued invoice: payments, credit notes, voiding, events and its external billing.</summary>
public interface IInvoiceGrain : IGrainWithGuidKey
{
    /// <summary>Stores the invoice its series issued. Repeated deliveries are no-ops.</summary>
    Task Accept(InvoiceDetails issued);

    Task<InvoiceDetails?> GetDetails();

    Task<InvoiceCommandResult> RecordPayment(RecordPaymentCommand command);

    Task<InvoiceCommandResult> IssueCreditNote(IssueCreditNoteCommand command);

    Task<InvoiceCommandResult> Void(string reason, Orders.Actor actor);

    /// <summary>Sends the invoice to the external billing endpoint unless it was already sent or billed by hand.</summary>
    Task<ExternalBillingStatus> SendToExternalBilling();

    /// <summary>A clerk billed the invoice by hand: it is never sent automatically afterwards.</summary>
    Task<InvoiceCommandResult> CompleteManualBilling(string externalReference, Orders.Actor actor);

    /// <summary>Events not yet taken by the feed, oldest first.</summary>
    Task<IReadOnlyList<BillingEvent>> GetOutbox();

    /// <summary>Removes events up to and including <paramref name="eventId"/> once the feed has them durably.</summary>
    Task AcknowledgeOutbox(string eventId);
}
