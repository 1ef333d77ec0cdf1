namespace OrderActors.Billing;

[GenerateSerializer, Immutable, Alias("OrderActors.Billing.InvoiceTotals")]
public sealed record InvoiceTotals(
    [property: Id(0)] decimal Net,
    [property: Id(1)] decimal Tax,
    [property: Id(2)] decimal Gross);
