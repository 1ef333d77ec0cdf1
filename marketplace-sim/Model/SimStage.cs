namespace OrderActors.MarketplaceSim.Model;

/// <summary>The simulator's platform-neutral lifecycle; each platform renders it in its own vocabulary.</summary>
public enum SimStage
{
    Unpaid = 0,
    ToShip = 1,
    Packed = 2,
    ReadyToShip = 3,
    Shipped = 4,
    Delivered = 5,
    Completed = 6,
    Cancelled = 7,
}
