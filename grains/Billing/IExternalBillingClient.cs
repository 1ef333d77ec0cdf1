using OrderActors.Billing;

namespace OrderActors.Grains.Billing;

/// <summary>Calls the external POS/fiscal billing endpoint (contract: docs/pos-billing-contract.md).</summary>
public interface IExternalBillingClient
{
    /// <summary>Sends one invoice with its id as the idempotency key. Never throws for endpoint failures.</summary>
    Task<ExternalBillingResult> SendAsync(InvoiceDetails invoice, CancellationToken cancellationToken);
}

public sealed record ExternalBillingResult(bool Accepted, string? ExternalReference, string? Error)
{
    public static ExternalBillingResult Ok(string? reference) => new(true, reference, null);

    public static ExternalBillingResult Failed(string error) => new(false, null, error);
}
