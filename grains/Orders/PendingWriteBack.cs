using OrderActors.Marketplaces;

namespace OrderActors.Grains.Orders;

/// <summary>A write-back recorded with the change that caused it, kept until the account grain confirmed it queued it.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.PendingWriteBack")]
public sealed record PendingWriteBack(
    [property: Id(0)] Guid AccountId,
    [property: Id(1)] WriteBackRequest Request);
