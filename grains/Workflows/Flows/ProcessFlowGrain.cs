using OrderActors.Grains.Workflows.Roles;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Flows;

/// <summary>See <see cref="IProcessFlowGrain"/>. Versions are append-only; running instances hold a copy of theirs.</summary>
public sealed class ProcessFlowGrain(
    [PersistentState("workflow-process-flow")] IPersistentState<ProcessFlowState> state,
    IRoleCatalog roles,
    TimeProvider time) : Grain, IProcessFlowGrain
{
    private const int RememberedOperations = 100;

    private ProcessFlow? Latest => state.State.Versions.Count > 0 ? Present(state.State.Versions[^1]) : null;

    public async Task<FlowSaveResult> Save(ProcessFlow definition, string operationId, string? savedBy, bool create = false)
    {
        if (state.State.Operations.TryGetValue(operationId, out var made))
        {
            return new FlowSaveResult(Present(state.State.Versions[made - 1]), []);
        }
        if (create && state.State.Versions.Count > 0)
        {
            return new FlowSaveResult(Latest, [], AlreadyExists: true);
        }
        var candidate = FlowValidator.Normalize(definition) with { Id = this.GetPrimaryKeyString() };
        var problems = FlowValidator.Validate(candidate, await roles.GetRolesAsync());
        if (problems.Count > 0)
        {
            return new FlowSaveResult(null, problems);
        }
        var version = candidate with
        {
            Version = state.State.Versions.Count + 1,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = savedBy,
        };
        state.State.Versions.Add(version);
        state.State.Active = definition.Active;
        state.State.Operations[operationId] = version.Version;
        if (state.State.Operations.Count > RememberedOperations)
        {
            state.State.Operations.Remove(state.State.Operations.MinBy(o => o.Value).Key);
        }
        await state.WriteStateAsync();
        await PublishSummaryAsync();
        return new FlowSaveResult(Latest, []);
    }

    public Task<ProcessFlow?> GetLatest() => Task.FromResult(Latest);

    public Task<ProcessFlow?> GetVersion(int version) =>
        Task.FromResult(version >= 1 && version <= state.State.Versions.Count ? Present(state.State.Versions[version - 1]) : null);

    public Task<IReadOnlyList<ProcessFlow>> GetVersions() =>
        Task.FromResult<IReadOnlyList<ProcessFlow>>(state.State.Versions.Select(Present).ToList());

    public async Task<ProcessFlow?> SetActive(bool active)
    {
        if (state.State.Versions.Count == 0)
        {
            return null;
        }
        if (state.State.Active != active)
        {
            state.State.Active = active;
            await state.WriteStateAsync();
        }
        await PublishSummaryAsync();
        return Latest;
    }

    // A version is active when the flow is active and it is the latest: what new orders take.
    private ProcessFlow Present(ProcessFlow version) =>
        version with { Active = state.State.Active && version.Version == state.State.Versions.Count };

    private Task PublishSummaryAsync()
    {
        var latest = Latest!;
        return GrainFactory.GetGrain<IFlowCatalogGrain>(0).Update(
            new FlowSummary(latest.Id, latest.Name, latest.Version, latest.Active, latest.Trigger, latest.Priority));
    }
}
