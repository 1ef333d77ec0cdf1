namespace OrderActors.Billing;

/// <summary>
/// The queue of invoices still to send to the external billing endpoint (key 0). One reminder for the whole
/// queue rather than one per invoice, so a long outage does not fill the reminder table.
/// </summary>
public interface IExternalBillingOutboxGrain : IGrainWithIntegerKey
{
    Task Enqueue(Guid invoiceId);

    /// <summary>Tries every queued invoice now; answers how many are still queued.</summary>
    Task<int> Flush();

    Task<IReadOnlyList<Guid>> GetQueued();
}
