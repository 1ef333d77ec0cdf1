namespace OrderActors.Grains.Workflows.Starts;

/// <summary><c>OrderActors:Workflows:StartSweep</c>.</summary>
public sealed class WorkflowStartSweepOptions
{
    public const string Section = "OrderActors:Workflows:StartSweep";

    /// <summary>Period of the sweep's reminder (at least the reminder service's minimum period, one minute by default).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// An order's unconfirmed hand-overs (workflow starts, outside decisions, write-backs) are resumed only when they
    /// were marked (or last resumed) longer ago than this, so the sweep does not race the order's own hand-over.
    /// </summary>
    public TimeSpan GraceAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many orders with unconfirmed hand-overs are resumed per sweep; the rest wait for the next one (name kept from when only starts were swept).</summary>
    public int MaxStartsPerSweep { get; set; } = 500;

    /// <summary>How many orders the sweep activates at the same time.</summary>
    public int Parallelism { get; set; } = 8;
}
