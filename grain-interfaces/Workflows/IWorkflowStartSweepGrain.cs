namespace OrderActors.Workflows;

/// <summary>
/// Resumes workflow starts that orders recorded but whose hand-over to the starter was lost (the silo died before the
/// starter confirmed) and that would otherwise wait until the order is next touched. Driven by a durable reminder, so
/// one sweep runs in the cluster at a time. One per installation: use key <see cref="SingletonKey"/>.
/// </summary>
public interface IWorkflowStartSweepGrain : IGrainWithIntegerKey
{
    const long SingletonKey = 0;

    /// <summary>Registers the sweep's reminder, or updates it when the configured interval changed.</summary>
    Task EnsureScheduled();

    /// <summary>Runs one bounded sweep now; returns how many unconfirmed starts it resumed.</summary>
    Task<int> Sweep();
}
