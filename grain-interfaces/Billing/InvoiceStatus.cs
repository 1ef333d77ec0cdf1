namespace OrderActors.Billing;

public enum InvoiceStatus
{
    Issued = 0,

    /// <summary>Cancelled with a reason; the number stays taken so the sequence has no gap.</summary>
    Voided = 1,
}
