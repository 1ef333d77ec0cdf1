namespace OrderActors.Returns;

[GenerateSerializer, Immutable, Alias("OrderActors.Returns.ReturnStatusChanged")]
public sealed record ReturnStatusChanged : ReturnEvent
{
    [Id(0)] public required ReturnStatus From { get; init; }
    [Id(1)] public required ReturnStatus To { get; init; }
    [Id(2)] public string? Reason { get; init; }
}
