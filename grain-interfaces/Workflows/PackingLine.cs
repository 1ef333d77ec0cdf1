namespace OrderActors.Workflows;

/// <summary>One line of a packing task: what to pack, how, and how many were confirmed by scanning.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.PackingLine")]
public sealed record PackingLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] int Quantity,
    [property: Id(3)] int Scanned,
    [property: Id(4)] string? Instructions)
{
    public bool Done => Scanned >= Quantity;
}
