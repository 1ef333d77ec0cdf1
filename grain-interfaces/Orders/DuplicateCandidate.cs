namespace OrderActors.Orders;

/// <summary>Another order (usually on another platform) that is probably the same purchase.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.DuplicateCandidate")]
public sealed record DuplicateCandidate(
    [property: Id(0)] Guid OtherOrderId,
    [property: Id(1)] double Score,
    [property: Id(2)] IReadOnlyList<string> Reasons,
    [property: Id(3)] DuplicateDecision Decision,
    [property: Id(4)] DateTimeOffset DetectedAt,
    [property: Id(5)] Actor? DecidedBy = null,
    [property: Id(6)] DateTimeOffset? DecidedAt = null,
    [property: Id(7)] Guid? PrimaryOrderId = null);

public enum DuplicateDecision
{
    Open = 0,
    Confirmed = 1,
    Dismissed = 2,
}
