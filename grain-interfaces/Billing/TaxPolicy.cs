namespace OrderActors.Billing;

/// <summary>How a store taxes: one rate (0.11 = 11 %), and whether its prices already include it.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Billing.TaxPolicy")]
public sealed record TaxPolicy(
    [property: Id(0)] decimal Rate,
    [property: Id(1)] bool PricesIncludeTax);
