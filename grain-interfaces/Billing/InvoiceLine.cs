namespace OrderActors.Billing;

/// <summary>One invoice line, with its amounts already rounded to the currency.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Billing.InvoiceLine")]
public sealed record InvoiceLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Description,
    [property: Id(2)] int Quantity,
    [property: Id(3)] decimal UnitPrice,
    [property: Id(4)] decimal Discount,
    [property: Id(5)] decimal TaxRate,
    [property: Id(6)] decimal Net,
    [property: Id(7)] decimal Tax,
    [property: Id(8)] decimal Gross);
