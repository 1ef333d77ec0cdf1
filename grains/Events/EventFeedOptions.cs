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

    /// <summary>
    /// How long a host's relay lets committed batches gather before writing them, per connection it serves: all
    /// gathered events then go to each connection as one write (one WebSocket frame). Writes, not bytes, are most
    /// of the fan-out's cost, so this trades a little latency for CPU when a host serves thousands of connections.
    /// </summary>
    public TimeSpan CoalescePerConnection { get; set; } = TimeSpan.FromMicroseconds(50);

    /// <summary>The longest the relay lets batches gather, whatever the number of connections.</summary>
    public TimeSpan MaxCoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Live statistics are pushed at most this often per host.</summary>
    public TimeSpan StatsThrottle { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Statistics are recounted at least this often, for changes that raise no feed event.</summary>
    public TimeSpan StatsRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
