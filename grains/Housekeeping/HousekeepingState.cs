namespace OrderActors.Grains.Housekeeping;

[GenerateSerializer, Alias("OrderActors.HousekeepingState")]
public sealed class HousekeepingState
{
    [Id(0)] public int Runs { get; set; }

    [Id(1)] public DateTimeOffset? LastRunAt { get; set; }

    [Id(2)] public string? LastOutcome { get; set; }
}
