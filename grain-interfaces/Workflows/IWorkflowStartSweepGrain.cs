namespace OrderActors.Workflows;

/// <summary>
/// Resumes what orders recorded for a receiver (workflow starts, decisions made outside the workflow, marketplace
/// write-backs) but whose hand-over was lost (the silo died before the receiver confirmed) and that would otherwise wait
/// until the order is next touched. Named after the starts, which it swept first. Driven by a durable reminder, so
/// one sweep runs in the cluster at a time. One per installation: use key <see cref="SingletonKey"/>.
/// </summary>
public interface IWorkflowStartSweepGrain : IGrainWithIntegerKey
{
    const long SingletonKey = 0;

    /// <summary>Registers the sweep's reminder, or updates it when the configured interval changed.</summary>
    Task EnsureScheduled();

    /// <summary>Runs one bounded sweep now; returns how many orders with unconfirmed hand-overs it resumed.</summary>
    Task<int> Sweep();
}
