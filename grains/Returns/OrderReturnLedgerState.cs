namespace OrderActors.Grains.Returns;

[GenerateSerializer, Alias("OrderActors.Grains.Returns.OrderReturnLedgerState")]
public sealed class OrderReturnLedgerState
{
    /// <summary>Return id -> SKU -> quantity, for every return not rejected or cancelled.</summary>
    [Id(0)] public Dictionary<Guid, Dictionary<string, int>> Held { get; set; } = [];
}
