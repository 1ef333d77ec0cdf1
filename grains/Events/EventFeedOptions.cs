namespace OrderActors.Events;

/// <summary><c>OrderActors:Events</c>: how long the feed keeps events and how it batches.</summary>
public sealed class EventFeedOptions
{
    public const string Section = "OrderActors:Events";

    /// <summary>Events older than this are deleted; a client resuming from before it gets what is left.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention cleanup runs (a reminder; at least one minute).</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most events written in one transaction; concurrent appends beyond it wait for the next one.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>A host's observer registration lapses after this unless renewed.</summary>
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often hosts renew their registration and look for events a lost notification did not bring.</summary>
    public TimeSpan HostRenewInterval { get; set; } = TimeSpan.FromSeconds(15);
}
