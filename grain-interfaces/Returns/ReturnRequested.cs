namespace OrderActors.Returns;

[GenerateSerializer, Immutable, Alias("OrderActors.Returns.ReturnRequested")]
public sealed record ReturnRequested : ReturnEvent
{
    [Id(0)] public required ReturnChannel Channel { get; init; }
    [Id(1)] public required ReturnSource Source { get; init; }
    [Id(2)] public required int ItemCount { get; init; }
    [Id(3)] public required decimal RefundAmount { get; init; }
    [Id(4)] public required string Currency { get; init; }
}
