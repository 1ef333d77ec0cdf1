namespace OrderActors.Billing;

[GenerateSerializer, Immutable, Alias("OrderActors.Billing.PaymentRecorded")]
public sealed record PaymentRecorded : BillingEvent
{
    [Id(0)] public required string PaymentId { get; init; }
    [Id(1)] public required PaymentMethod Method { get; init; }
    [Id(2)] public required decimal Amount { get; init; }
    [Id(3)] public required decimal BalanceDue { get; init; }
    [Id(4)] public required string Currency { get; init; }
}
