namespace OrderActors.Billing;

/// <summary>The billing side of one order: its invoices and whether it needs manual billing.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Billing.OrderBillingSummary")]
public sealed record OrderBillingSummary(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] IReadOnlyList<OrderInvoiceRef> Invoices,
    [property: Id(2)] bool ManualBilling,
    [property: Id(3)] IReadOnlyList<Guid> InvoicesNeedingManualBilling);

[GenerateSerializer, Immutable, Alias("OrderActors.Billing.OrderInvoiceRef")]
public sealed record OrderInvoiceRef(
    [property: Id(0)] Guid InvoiceId,
    [property: Id(1)] string Number,
    [property: Id(2)] string Series);
