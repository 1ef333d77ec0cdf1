using OrderActors.Billing;
using OrderActors.Orders;

namespace OrderActors.Grains.Billing;

/// <summary>
/// Tells a marketplace about billing where its API allows it (docs/billing-platform-sync.md): for example a
/// Shopify transaction for a payment taken here, or a refund for a completed return. Implemented by the
/// marketplace connectors; billing works without any implementation.
/// </summary>
public interface IPlatformBillingSync
{
    /// <summary>Whether this connector can push anything for the order's platform.</summary>
    bool Supports(SourcePlatform platform);

    Task<PlatformSyncResult> PaymentRecordedAsync(InvoiceDetails invoice, Payment payment, CancellationToken cancellationToken);

    Task<PlatformSyncResult> CreditNoteIssuedAsync(InvoiceDetails invoice, CreditNote creditNote, CancellationToken cancellationToken);
}

public sealed record PlatformSyncResult(bool Synced, string? PlatformReference, string? Error);
