using System.Collections.Concurrent;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Flows;

/// <summary>
/// The flow versions this silo has started instances of. A saved version never changes (versions are append-only),
/// so each is fetched from its flow grain once per silo instead of once per new order; which version is the latest
/// and whether it is active still comes from the catalog on every start.
/// </summary>
public sealed class FlowVersionCache(IGrainFactory grains)
{
    private const int MaxVersions = 512;
    private readonly ConcurrentDictionary<(string FlowId, int Version), ProcessFlow> _versions = new();

    /// <summary>The version as the latest active one (what new instances take), or null if the flow has no such version.</summary>
    public async Task<ProcessFlow?> GetActiveAsync(string flowId, int version)
    {
        if (_versions.TryGetValue((flowId, version), out var cached))
        {
            return cached;
        }
        if (await grains.GetGrain<IProcessFlowGrain>(flowId).GetVersion(version) is not { } fetched)
        {
            return null;
        }
        if (_versions.Count >= MaxVersions)
        {
            _versions.Clear();
        }
        return _versions[(flowId, version)] = fetched with { Active = true };
    }
}
