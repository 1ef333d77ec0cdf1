using OrderActors.Stock;

namespace OrderActors.Grains.Stock;

[GenerateSerializer, Alias("OrderActors.Grains.Stock.StockItemState")]
public sealed class StockItemState
{
    [Id(0)] public string Sku { get; set; } = "";
    [Id(1)] public string Location { get; set; } = "";
    [Id(2)] public int OnHand { get; set; }
    [Id(3)] public int Reserved { get; set; }
    [Id(4)] public long Version { get; set; }

    /// <summary>Operation id -> movement sequence, so a retried adjustment moves nothing.</summary>
    [Id(5)] public Dictionary<string, long> AppliedOperations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Movements not yet confirmed in the read model; re-projected on activation.</summary>
    [Id(6)] public List<StockMovement> Unprojected { get; set; } = [];
}
