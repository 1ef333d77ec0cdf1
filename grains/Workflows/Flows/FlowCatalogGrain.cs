using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Flows;

/// <summary>See <see cref="IFlowCatalogGrain"/>.</summary>
public sealed class FlowCatalogGrain(
    [PersistentState("workflow-flow-catalog")] IPersistentState<FlowCatalogState> state) : Grain, IFlowCatalogGrain
{
    public Task<IReadOnlyList<FlowSummary>> List() =>
        Task.FromResult<IReadOnlyList<FlowSummary>>(state.State.Flows.Values.OrderBy(f => f.Id, StringComparer.Ordinal).ToList());

    public async Task Update(FlowSummary summary)
    {
        if (state.State.Flows.TryGetValue(summary.Id, out var held) && held == summary)
        {
            return;
        }
        state.State.Flows[summary.Id] = summary;
        await state.WriteStateAsync();
    }
}
