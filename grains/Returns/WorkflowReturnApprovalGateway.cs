using System.Text.Json;
using OrderActors.Grains.Billing;
using OrderActors.Grains.Workflows.Roles;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Returns;

/// <summary>
/// Return approval through the workflow engine: a new return starts the active ReturnRequested flow (built in: "return
/// handling"), whose conditions on value and reasons either approve it at once or open an approval task for a role.
/// Completing that task approves or rejects the return (the engine's <c>IReturnDecisionGateway</c>); approving or
/// rejecting the return through the returns API completes the task here. Open approvals are also listed as clerk
/// tasks, which is what the returns API's approval queue shows.
/// </summary>
/// <remarks>
/// The flow may decide while the return grain is still waiting for <see cref="RequestAsync"/> (and the task while it
/// waits for <see cref="CompleteAsync"/>), so both calls allow this call chain back into the return grain.
/// </remarks>
public sealed class WorkflowReturnApprovalGateway(IGrainFactory grains, ReturnsOptions options, IClerkTaskStore tasks, TimeProvider time) : IReturnApprovalGateway
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ReturnApprovalDecision> RequestAsync(ReturnApprovalRequest request, CancellationToken cancellationToken = default)
    {
        var facts = FactsOf(request);
        string? key;
        using (RequestContext.AllowCallChainReentrancy())
        {
            key = await grains.GetGrain<IWorkflowStarterGrain>(0).StartReturn(request.OrderId, facts);
        }
        var view = key is null ? null : await grains.GetGrain<IWorkflowInstanceGrain>(key).GetView();
        if (view is null)
        {
            return await OpenClerkTaskAsync(request, "no active return flow applies; a person decides", cancellationToken);
        }
        if (view.History.LastOrDefault(h => h.Type == StepType.Approval) is { Outcome: "approved" } approval)
        {
            return new ReturnApprovalDecision(true, $"approved by workflow {view.FlowId} v{view.Version} (step {approval.StepId}, by {approval.Actor})");
        }
        if (view.Tasks.FirstOrDefault(t => t.IsOpen) is { } task)
        {
            var who = task.Assignee ?? string.Join(", ", task.Roles);
            return await OpenClerkTaskAsync(request, $"workflow {view.FlowId} v{view.Version} waits for task {task.Id} ({task.StepType}, {who})", cancellationToken);
        }
        return new ReturnApprovalDecision(false, $"workflow {view.FlowId} v{view.Version} is {view.Status}");
    }

    public async Task CompleteAsync(Guid returnId, bool approved, Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor.Kind != ActorKind.Workflow
            && await grains.GetGrain<IWorkflowInstanceGrain>(WorkflowInstanceKey.ForReturn(returnId)).GetView() is { } view
            && view.Tasks.FirstOrDefault(t => t.IsOpen && t.StepType == StepType.Approval) is { } task)
        {
            // The returns API already checked the caller's right to approve returns; it acts on the task with that right.
            var caller = new TaskCaller(actor.Id, [BuiltInRoles.Admin]);
            var result = new TaskResult
            {
                Outcome = approved ? "approved" : "rejected",
                Reason = approved ? null : $"rejected or cancelled through the returns API by {actor}",
                Notes = $"decided through the returns API by {actor}",
            };
            using (RequestContext.AllowCallChainReentrancy())
            {
                await grains.GetGrain<IWorkflowInstanceGrain>(view.Key).Complete(task.Id, result, caller);
            }
        }
        await tasks.CloseAsync(ClerkTask.ReturnApproval, returnId.ToString(), $"{(approved ? "Approved" : "Rejected")} by {actor}", time.GetUtcNow(), cancellationToken);
    }

    private ReturnFacts FactsOf(ReturnApprovalRequest request) => new()
    {
        ReturnId = request.ReturnId,
        RmaNumber = request.RmaNumber,
        Value = request.Value,
        ReasonCodes = request.ReasonCodes,
        Channel = request.Channel,
        AutoApproveBelow = options.AutoApproveBelow.GetValueOrDefault(request.Currency),
        ReviewReason = request.ReasonCodes.Any(r => options.AlwaysReviewReasons.Contains(r, StringComparer.Ordinal)),
    };

    private async Task<ReturnApprovalDecision> OpenClerkTaskAsync(ReturnApprovalRequest request, string explanation, CancellationToken cancellationToken)
    {
        await tasks.OpenAsync(new ClerkTask(
            ClerkTask.ReturnApproval,
            request.ReturnId.ToString(),
            $"Approve return {request.RmaNumber}: {explanation}",
            JsonSerializer.Serialize(request, Json),
            ClerkTask.Open,
            time.GetUtcNow()), cancellationToken);
        return new ReturnApprovalDecision(false, explanation);
    }
}
