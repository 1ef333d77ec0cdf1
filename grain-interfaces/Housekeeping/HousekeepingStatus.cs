namespace OrderActors.Housekeeping;

/// <summary>What the housekeeping grain has scheduled and what its last run did.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.HousekeepingStatus")]
public sealed record HousekeepingStatus(
    [property: Id(0)] IReadOnlyList<string> ScheduledTasks,
    [property: Id(1)] int Runs,
    [property: Id(2)] DateTimeOffset? LastRunAt,
    [property: Id(3)] string? LastOutcome);
