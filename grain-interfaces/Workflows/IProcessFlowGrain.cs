using Orleans.Concurrency;

namespace OrderActors.Workflows;

/// <summary>One process flow (keyed by its id) and all its versions. Saving never changes an existing version.</summary>
public interface IProcessFlowGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates and saves <paramref name="definition"/> as the next version. Idempotent by operation id. With
    /// <paramref name="create"/>, refuses (AlreadyExists) when the flow already has versions from other operations.
    /// </summary>
    Task<FlowSaveResult> Save(ProcessFlow definition, string operationId, string? savedBy, bool create = false);

    /// <summary>The latest version, or null when the flow was never saved.</summary>
    [ReadOnly]
    Task<ProcessFlow?> GetLatest();

    /// <summary>A given version, or null.</summary>
    [ReadOnly]
    Task<ProcessFlow?> GetVersion(int version);

    [ReadOnly]
    Task<IReadOnlyList<ProcessFlow>> GetVersions();

    /// <summary>Starts (or stops) new orders taking this flow. Returns the latest version, or null when unknown.</summary>
    Task<ProcessFlow?> SetActive(bool active);
}
