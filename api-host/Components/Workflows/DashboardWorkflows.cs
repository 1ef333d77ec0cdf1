using OrderActors.ApiHost.Components.Live;
using OrderActors.ApiHost.Security;
using OrderActors.Audit;
using OrderActors.Grains.Workflows;
using OrderActors.Grains.Workflows.Flows;
using OrderActors.Grains.Workflows.Roles;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.ApiHost.Components.Workflows;

/// <summary>
/// Process flows for the dashboard through what <c>/api/workflows</c> uses: the flow catalog and flow grains (list,
/// versions, save as a new version, activation), <see cref="FlowValidator"/> with the role catalog (the validate
/// endpoint's check, every problem) and <see cref="FlowSimulator"/> (the dry run). Changes are audited here.
/// </summary>
public sealed class DashboardWorkflows(IClusterClient orleans, IRoleCatalog roles, DashboardUser user, DashboardAudit audit, TimeProvider time)
{
    public async Task<bool> MayManageAsync() => await user.HasAsync(Permissions.WorkflowsManage);

    public async Task<IReadOnlyList<FlowSummary>> ListAsync() =>
        await MayManageAsync() ? await orleans.GetGrain<IFlowCatalogGrain>(0).List() : [];

    public async Task<IReadOnlyList<ProcessFlow>> VersionsAsync(string id) =>
        await MayManageAsync() ? await orleans.GetGrain<IProcessFlowGrain>(id).GetVersions() : [];

    public async Task<IReadOnlySet<string>> RolesAsync() => await roles.GetRolesAsync();

    /// <summary>Every problem of a definition, as <c>POST /api/workflows/validate</c> reports them.</summary>
    public async Task<IReadOnlyList<FlowProblem>> ValidateAsync(ProcessFlow flow) =>
        FlowValidator.Validate(FlowValidator.Normalize(flow), await roles.GetRolesAsync());

    /// <summary>
    /// Saves the definition as the flow's next version (a new flow with <paramref name="create"/>). The operation id makes a
    /// repeated click save once.
    /// </summary>
    public async Task<FlowSaveResult> SaveAsync(ProcessFlow flow, string operationId, bool create)
    {
        if (!await MayManageAsync())
        {
            return new FlowSaveResult(null, [new FlowProblem("$", "You may not manage workflows.")]);
        }
        var actor = await user.GetActorAsync();
        var result = await orleans.GetGrain<IProcessFlowGrain>(flow.Id).Save(flow, $"dashboard:{operationId}", actor.Id, create);
        var outcome = result.IsValid ? AuditOutcome.Success : AuditOutcome.Failure;
        await audit.RecordAsync(create ? "dashboard workflow create" : "dashboard workflow update", $"flow={flow.Id}", outcome,
            result.IsValid ? $"version {result.Saved!.Version}" : result.AlreadyExists ? "exists" : $"{result.Problems.Count} problems");
        return result;
    }

    public async Task<ProcessFlow?> SetActiveAsync(string id, bool active)
    {
        if (!await MayManageAsync())
        {
            return null;
        }
        var flow = await orleans.GetGrain<IProcessFlowGrain>(id).SetActive(active);
        await audit.RecordAsync(active ? "dashboard workflow activate" : "dashboard workflow deactivate", $"flow={id}",
            flow is null ? AuditOutcome.Failure : AuditOutcome.Success);
        return flow;
    }

    /// <summary>The facts of an existing order, as the dry-run endpoint reads them for an <c>orderId</c>; null when there is no such order.</summary>
    public async Task<OrderFacts?> FactsOfOrderAsync(Guid orderId) =>
        await orleans.GetGrain<IOrderGrain>(orderId).GetDetails() is { } order ? OrderFacts.From(order) : null;

    /// <summary>Walks the flow for the order without touching anything (the dry-run endpoint's simulator).</summary>
    public DryRun DryRun(ProcessFlow flow, OrderFacts facts, IReadOnlySet<string> rejectedApprovals)
    {
        var (applies, note, path) = FlowSimulator.Run(FlowValidator.Normalize(flow), facts, time.GetUtcNow(), rejectedApprovals);
        return new DryRun(applies, note, path);
    }
}
