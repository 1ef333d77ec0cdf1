namespace OrderActors.Orders;

/// <summary>Whether local changes of an order have reached its platform.</summary>
public enum SyncStatus
{
    Synced = 0,
    Pending = 1,
    Failed = 2,
}
