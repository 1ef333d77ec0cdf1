namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary><c>OrderActors:Workflows:Deadlines</c>.</summary>
public sealed class DeadlineOptions
{
    public const string Section = "OrderActors:Workflows:Deadlines";

    /// <summary>Number of shard grains (and so of reminder rows). Changing it moves deadlines: set it once.</summary>
    public int ShardCount { get; set; } = 64;

    /// <summary>How often an active shard looks for due deadlines: the lateness of a deadline while its silo lives.</summary>
    public TimeSpan TimerResolution { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A deadline due within this window is told to its shard when it is scheduled; the shard reads its next due time
    /// from the store at least every half window, so one due later is found in time without a call.
    /// </summary>
    public TimeSpan NoticeWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Period of each shard's single reminder, which re-activates it after a restart or silo failure.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each silo wakes every shard, so a shard lost with a silo resumes within seconds; null disables it.</summary>
    public TimeSpan? WakeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many deadlines of one shard are fired at once.</summary>
    public int FireBatchSize { get; set; } = 256;

    /// <summary>When telling an instance fails, the deadline is tried again after this delay.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
