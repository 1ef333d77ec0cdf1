using OrderActors.Orders;

namespace OrderActors.Stock;

/// <summary>
/// Moves stock; a repeated <see cref="OperationId"/> moves nothing. <see cref="AllowNegativeOnHand"/> is for goods that
/// already left the shop (a counter sale): the movement is recorded even when the ledger shows too little stock.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Stock.AdjustStockCommand")]
public sealed record AdjustStockCommand(
    [property: Id(0)] string OperationId,
    [property: Id(1)] string Sku,
    [property: Id(2)] string Location,
    [property: Id(3)] int OnHandDelta,
    [property: Id(4)] int ReservedDelta,
    [property: Id(5)] string Reason,
    [property: Id(6)] string? Reference,
    [property: Id(7)] Actor Actor,
    [property: Id(8)] bool AllowNegativeOnHand = false);

[GenerateSerializer, Immutable, Alias("OrderActors.Stock.AdjustStockResult")]
public sealed record AdjustStockResult(
    [property: Id(0)] bool Applied,
    [property: Id(1)] StockLevel Level,
    [property: Id(2)] string? Error);
