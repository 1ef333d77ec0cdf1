namespace OrderActors.Billing;

/// <summary>Where an invoice stands with the external POS/fiscal billing system.</summary>
public enum ExternalBillingStatus
{
    /// <summary>No external endpoint is configured; the invoice here is the only record.</summary>
    NotConfigured = 0,

    /// <summary>Queued, not yet accepted by the endpoint.</summary>
    Pending = 1,

    /// <summary>Accepted by the endpoint.</summary>
    Sent = 2,

    /// <summary>The endpoint failed: a clerk bills it by hand, and it is re-sent automatically when the endpoint recovers.</summary>
    Manual = 3,

    /// <summary>A clerk billed it by hand and closed the task; it is never sent automatically.</summary>
    ManuallyBilled = 4,
}
