using OrderActors.Orders;

namespace OrderActors.Stock;

[GenerateSerializer, Immutable, Alias("OrderActors.Stock.StockMovement")]
public sealed record StockMovement(
    [property: Id(0)] long Sequence,
    [property: Id(1)] int OnHandDelta,
    [property: Id(2)] int ReservedDelta,
    [property: Id(3)] string Reason,
    [property: Id(4)] string? Reference,
    [property: Id(5)] int OnHandAfter,
    [property: Id(6)] int ReservedAfter,
    [property: Id(7)] Actor Actor,
    [property: Id(8)] DateTimeOffset At);

/// <summary>Reasons recorded on movements.</summary>
public static class StockReasons
{
    public const string Return = "Return";
    public const string Sale = "Sale";
    public const string Adjustment = "Adjustment";
    public const string Reservation = "Reservation";
    public const string Count = "Count";

    public static readonly IReadOnlyList<string> All = [Return, Sale, Adjustment, Reservation, Count];
}
