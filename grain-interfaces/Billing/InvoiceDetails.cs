using OrderActors.Orders;

namespace OrderActors.Billing;

/// <summary>An issued invoice with its payments and credit notes.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Billing.InvoiceDetails")]
public sealed record InvoiceDetails
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required string Series { get; init; }
    [Id(2)] public required long Sequence { get; init; }
    [Id(3)] public required string Number { get; init; }
    [Id(4)] public required Guid OrderId { get; init; }
    [Id(5)] public required string StoreId { get; init; }
    [Id(6)] public required string Currency { get; init; }
    [Id(7)] public required bool PricesIncludeTax { get; init; }
    [Id(8)] public required string CustomerName { get; init; }
    [Id(9)] public required IReadOnlyList<InvoiceLine> Lines { get; init; }
    [Id(10)] public required InvoiceTotals Totals { get; init; }
    [Id(11)] public required DateTimeOffset IssuedAt { get; init; }
    [Id(12)] public required Actor IssuedBy { get; init; }
    [Id(13)] public InvoiceStatus Status { get; init; } = InvoiceStatus.Issued;
    [Id(14)] public string? VoidReason { get; init; }
    [Id(15)] public IReadOnlyList<Payment> Payments { get; init; } = [];
    [Id(16)] public IReadOnlyList<CreditNote> CreditNotes { get; init; } = [];
    [Id(17)] public ExternalBillingState ExternalBilling { get; init; } = new(ExternalBillingStatus.NotConfigured);
    [Id(18)] public long Version { get; init; } = 1;
    [Id(19)] public string? PlatformOrderId { get; init; }

    public decimal Paid => Payments.Sum(p => p.Amount);

    public decimal Credited => CreditNotes.Sum(c => c.Amount);

    public decimal Refunded => CreditNotes.Sum(c => c.RefundedAmount);

    /// <summary>What the customer still owes: the total less credits, less what was paid and not refunded.</summary>
    public decimal BalanceDue => Status == InvoiceStatus.Voided ? 0m : Math.Max(0m, Totals.Gross - Credited - (Paid - Refunded));
}
