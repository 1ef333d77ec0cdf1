using OrderActors.Orders;

namespace OrderActors.Billing;

/// <summary>
/// A credit against an invoice (a refund or store credit). Numbered per invoice (<c>{invoice}-CN{n}</c>), so the
/// numbering is gap-free by construction: one invoice grain writes it.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Billing.CreditNote")]
public sealed record CreditNote(
    [property: Id(0)] string Id,
    [property: Id(1)] string Number,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] string Reason,
    [property: Id(4)] Guid? ReturnId,
    [property: Id(5)] RefundMethod RefundMethod,
    [property: Id(6)] decimal RefundedAmount,
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] Actor Actor);
