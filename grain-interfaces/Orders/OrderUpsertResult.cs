namespace OrderActors.Orders;

/// <summary>What an upsert did: created the order, applied a newer snapshot, or ignored it (stale or repeated).</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.OrderUpsertResult")]
public sealed record OrderUpsertResult(
    [property: Id(0)] UpsertOutcome Outcome,
    [property: Id(1)] OrderDetails Order);

public enum UpsertOutcome
{
    Created = 0,
    Updated = 1,
    Unchanged = 2,
    IgnoredStale = 3,
    IgnoredRepeat = 4,
}
