namespace OrderActors.Billing;

[GenerateSerializer, Immutable, Alias("OrderActors.Billing.InvoiceIssued")]
public sealed record InvoiceIssued : BillingEvent
{
    [Id(0)] public required string Number { get; init; }
    [Id(1)] public required decimal Gross { get; init; }
    [Id(2)] public required string Currency { get; init; }
}
