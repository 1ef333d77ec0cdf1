namespace OrderActors.Returns;

[GenerateSerializer, Immutable, Alias("OrderActors.Returns.ItemInspection")]
public sealed record ItemInspection(
    [property: Id(0)] string Sku,
    [property: Id(1)] ItemCondition Condition,
    [property: Id(2)] string? Notes)
{
    public bool Sellable => Condition is ItemCondition.New or ItemCondition.Opened;
}
