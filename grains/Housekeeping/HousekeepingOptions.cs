namespace OrderActors.Grains.Housekeeping;

public sealed class HousekeepingOptions
{
    /// <summary>How often the upkeep runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after first scheduling the first run happens.</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(5);
}
