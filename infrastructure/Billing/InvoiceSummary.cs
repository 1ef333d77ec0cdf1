namespace OrderActors.Billing;

/// <summary>One row of the invoice list.</summary>
public sealed record InvoiceSummary(
    Guid Id,
    string Number,
    string Series,
    long Sequence,
    Guid OrderId,
    string StoreId,
    string CustomerName,
    string Currency,
    decimal Gross,
    decimal Paid,
    decimal Credited,
    decimal BalanceDue,
    string Status,
    string ExternalBillingStatus,
    DateTimeOffset IssuedAt);
