namespace OrderActors.Billing;

/// <summary>
/// The only owner of one numbering series (for example <c>INV-STORE1-2026</c>). It writes the number and the
/// invoice content in one state write, so a number is never handed out without its invoice: no gaps, no repeats.
/// </summary>
public interface IInvoiceSeriesGrain : IGrainWithStringKey
{
    /// <summary>
    /// Issues the invoice for <paramref name="requestKey"/>, or answers with the invoice that key already issued.
    /// After a failure (timeout, silo loss) the caller retries with the same key and never gets a second number.
    /// </summary>
    Task<InvoiceDetails> Issue(string requestKey, InvoiceDraft draft);

    /// <summary>The highest sequence number issued so far (0 when none).</summary>
    Task<long> GetLastSequence();
}
