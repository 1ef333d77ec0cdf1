using Orleans.Concurrency;

namespace OrderActors.Workflows;

/// <summary>The list of all flows (a single grain, key 0): what the API lists and what the starter chooses from.</summary>
public interface IFlowCatalogGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<IReadOnlyList<FlowSummary>> List();

    /// <summary>Records the latest state of a flow; called by the flow's grain after each change.</summary>
    Task Update(FlowSummary summary);
}
