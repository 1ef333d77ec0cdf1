using System.Collections.Concurrent;
using OrderActors.ApiHost.Apis.Orders;
using OrderActors.ApiHost.Components.Live;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Audit;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Components.Orders;

/// <summary>
/// Order commands from the dashboard: the same order grain calls, input rules (<see cref="OrderCommandValidation"/>)
/// and per-order operation ids as the orders API, checked against the signed-in user's permissions and audited like
/// API commands (circuit traffic does not pass the HTTP audit middleware).
/// </summary>
public sealed class DashboardOrderCommands(IClusterClient orleans, DashboardUser user, DashboardAudit audit)
{
    private const int BulkParallelism = 16;

    public Task<DashboardCommandResult> AcceptAsync(Guid id, string? reason) =>
        RunAsync(id, "accept", Reason(reason, required: false), (g, c) => g.Accept(c, Blank(reason)), "Accepted.");

    public Task<DashboardCommandResult> RejectAsync(Guid id, string? reason) =>
        RunAsync(id, "reject", Reason(reason, required: true), (g, c) => g.Reject(c, Blank(reason)), "Rejected.");

    public Task<DashboardCommandResult> UndoAsync(Guid id) =>
        RunAsync(id, "undo", new Validation(), (g, c) => g.Undo(c), "Undone.");

    public Task<DashboardCommandResult> ChangeStatusAsync(Guid id, OrderStatus status, string? reason) =>
        RunAsync(id, "status", Reason(reason, required: false), (g, c) => g.ChangeStatus(c, status, Blank(reason)), $"Status is now {status}.");

    public Task<DashboardCommandResult> ChangeWorkflowStatusAsync(Guid id, WorkflowStatus status, string? reason) =>
        RunAsync(id, "workflowStatus", Reason(reason, required: false), (g, c) => g.ChangeWorkflowStatus(c, status, Blank(reason)), $"Workflow status is now {status}.");

    public Task<DashboardCommandResult> SetNotesAsync(Guid id, string? notes) =>
        RunAsync(id, "notes", OrderCommandValidation.Notes(new Validation(), notes, null), (g, c) => g.SetNotes(c, Blank(notes)), "Notes saved.");

    public Task<DashboardCommandResult> ConfirmDuplicateAsync(Guid id, Guid otherId, Guid primaryId) =>
        RunAsync(id, "confirm-duplicate", new Validation().Require(primaryId == id || primaryId == otherId, "primaryId", "The kept order is one of the two."),
            (g, c) => g.ConfirmDuplicate(c, otherId, primaryId), "Confirmed as duplicate.");

    public Task<DashboardCommandResult> DismissDuplicateAsync(Guid id, Guid otherId) =>
        RunAsync(id, "dismiss-duplicate", new Validation(), (g, c) => g.DismissDuplicate(c, otherId), "Dismissed.");

    /// <summary>One action on many orders, each applied on its own (never all-or-nothing), like <c>POST /api/orders/bulk</c>.</summary>
    public async Task<DashboardBulkResult> BulkAsync(string action, IReadOnlyCollection<Guid> ids, string? reason, OrderStatus? status = null, WorkflowStatus? workflowStatus = null)
    {
        if (!await user.HasAsync(Permissions.OrdersBulk))
        {
            return new DashboardBulkResult(0, ids.Select(id => (id, "You may not run bulk actions.")).ToList());
        }
        var v = OrderCommandValidation.Reason(new Validation(), reason, required: action == "reject");
        v.Require(ids.Count is > 0 and <= OrderCommandValidation.MaxBulkOrders, "orderIds", $"Select 1 to {OrderCommandValidation.MaxBulkOrders} orders.");
        if (!v.IsValid)
        {
            return new DashboardBulkResult(0, [(Guid.Empty, FirstError(v))]);
        }
        var actor = await user.GetActorAsync();
        var batch = Guid.NewGuid().ToString("N");
        var failures = new ConcurrentBag<(Guid, string)>();
        var succeeded = 0;
        await Parallel.ForEachAsync(ids.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = BulkParallelism }, async (id, _) =>
        {
            // The operation id scheme of the bulk API: one per order and batch.
            var context = new CommandContext($"bulk-{action}:{batch}:{id:N}", actor);
            var grain = orleans.GetGrain<IOrderGrain>(id);
            try
            {
                var result = await (action switch
                {
                    "accept" => grain.Accept(context, Blank(reason)),
                    "reject" => grain.Reject(context, Blank(reason)),
                    "undo" => grain.Undo(context),
                    "status" => grain.ChangeStatus(context, status!.Value, Blank(reason)),
                    "workflowStatus" => grain.ChangeWorkflowStatus(context, workflowStatus!.Value, Blank(reason)),
                    _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown bulk action."),
                });
                if (result.Succeeded)
                {
                    Interlocked.Increment(ref succeeded);
                }
                else
                {
                    failures.Add((id, DashboardCommandResult.From(result, "").Message));
                }
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                failures.Add((id, "The order did not answer; try again."));
            }
        });
        await audit.RecordAsync($"dashboard bulk {action}", $"{ids.Count} orders", failures.IsEmpty ? AuditOutcome.Success : AuditOutcome.Failure,
            $"{succeeded} succeeded, {failures.Count} failed");
        return new DashboardBulkResult(succeeded, failures.ToList());
    }

    private async Task<DashboardCommandResult> RunAsync(Guid id, string command, Validation validation,
        Func<IOrderGrain, CommandContext, Task<OrderCommandResult>> send, string done)
    {
        if (!await user.HasAsync(Permissions.OrdersWrite))
        {
            return DashboardCommandResult.Invalid("You may not change orders.");
        }
        if (!validation.IsValid)
        {
            return DashboardCommandResult.Invalid(FirstError(validation));
        }
        var actor = await user.GetActorAsync();
        var context = new CommandContext($"{command}:{Guid.NewGuid():N}", actor);
        DashboardCommandResult result;
        try
        {
            result = DashboardCommandResult.From(await send(orleans.GetGrain<IOrderGrain>(id), context), done);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return DashboardCommandResult.Invalid("The order did not answer; try again.");
        }
        await audit.RecordAsync($"dashboard {command}", $"id={id}", result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure, result.Message);
        return result;
    }

    private static Validation Reason(string? reason, bool required) => OrderCommandValidation.Reason(new Validation(), Blank(reason), required);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string FirstError(Validation v) =>
        (v.ToProblem() as Microsoft.AspNetCore.Http.HttpResults.ValidationProblem)?.ProblemDetails.Errors.SelectMany(e => e.Value).FirstOrDefault()
        ?? "The input is not valid.";
}
