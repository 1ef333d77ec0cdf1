using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>
/// <c>POST /api/orders/{id}/accept|reject|undo|status|ship|notes</c>. Each takes an optional <c>Idempotency-Key</c> header
/// as the operation id, so a retried request is answered without being applied again.
/// </summary>
public static class OrderCommandsApi
{
    public static RouteGroupBuilder MapOrderCommands(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/accept", (Guid id, HttpRequest request, ClaimsPrincipal user, IClusterClient orleans, CancellationToken ct) =>
                RunAsync<ReasonRequest>(id, request, user, orleans, "accept", ct,
                    (b, v) => OrderCommandValidation.Reason(v, b.Reason, required: false),
                    (g, c, b) => g.Accept(c, b.Reason)))
            .Accepts<ReasonRequest>("application/json").RequirePermission(Permissions.OrdersWrite);

        group.MapPost("/{id:guid}/reject", (Guid id, HttpRequest request, ClaimsPrincipal user, IClusterClient orleans, CancellationToken ct) =>
                RunAsync<ReasonRequest>(id, request, user, orleans, "reject", ct,
                    (b, v) => OrderCommandValidation.Reason(v, b.Reason, required: true),
                    (g, c, b) => g.Reject(c, b.Reason)))
            .Accepts<ReasonRequest>("application/json").RequirePermission(Permissions.OrdersWrite);

        group.MapPost("/{id:guid}/undo", (Guid id, HttpRequest request, ClaimsPrincipal user, IClusterClient orleans, CancellationToken ct) =>
                RunAsync<ReasonRequest>(id, request, user, orleans, "undo", ct,
                    (b, v) => v,
                    (g, c, _) => g.Undo(c)))
            .RequirePermission(Permissions.OrdersWrite);

        group.MapPost("/{id:guid}/status", (Guid id, HttpRequest request, ClaimsPrincipal user, IClusterClient orleans, CancellationToken ct) =>
                RunAsync<StatusChangeRequest>(id, request, user, orleans, "status", ct, ValidateStatus,
                    (g, c, b) => b.Status is not null
                        ? g.ChangeStatus(c, Enum.Parse<OrderStatus>(b.Status), b.Reason)
                        : g.ChangeWorkflowStatus(c, Enum.Parse<WorkflowStatus>(b.WorkflowStatus!), b.Reason)))
            .Accepts<StatusChangeRequest>("application/json").RequirePermission(Permissions.OrdersWrite);

        group.MapPost("/{id:guid}/ship", (Guid id, HttpRequest request, ClaimsPrincipal user, IClusterClient orleans, CancellationToken ct) =>
                RunAsync<ShipRequest>(id, request, user, orleans, "ship", ct, (b, v) => OrderCommandValidation.Shipment(v, b),
                    (g, c, b) => g.Ship(c, new ShipmentInfo(b.Carrier!.Trim(), b.TrackingNumber!.Trim(), b.LabelReference?.Trim()), null)))
            .Accepts<ShipRequest>("application/json").RequirePermission(Permissions.OrdersWrite);

        group.MapPost("/{id:guid}/notes", (Guid id, HttpRequest request, ClaimsPrincipal user, IClusterClient orleans, CancellationToken ct) =>
                RunAsync<NotesRequest>(id, request, user, orleans, "notes", ct,
                    (b, v) => OrderCommandValidation.Notes(v, b.Notes, b.Tags),
                    async (g, c, b) =>
                    {
                        var result = await g.SetNotes(c, string.IsNullOrWhiteSpace(b.Notes) ? null : b.Notes);
                        return b.Tags is null || !result.Succeeded
                            ? result
                            : await g.SetTags(c with { OperationId = c.OperationId + ":tags" }, b.Tags.Select(t => t.Trim()).Distinct().ToList());
                    }))
            .Accepts<NotesRequest>("application/json").RequirePermission(Permissions.OrdersWrite);

        return group;
    }

    internal static Validation ValidateStatus(StatusChangeRequest body, Validation v)
    {
        v.Require((body.Status is null) != (body.WorkflowStatus is null), "status", "Give exactly one of status or workflowStatus.");
        v.Require(body.Status is null || OrderCommandValidation.TryParseStatus(body.Status, out _), "status",
            $"Unknown status '{body.Status}'. Use one of: {string.Join(", ", Enum.GetNames<OrderStatus>())}.");
        v.Require(body.WorkflowStatus is null || OrderCommandValidation.TryParseWorkflowStatus(body.WorkflowStatus, out _), "workflowStatus",
            $"Unknown workflow status '{body.WorkflowStatus}'. Use one of: {string.Join(", ", Enum.GetNames<WorkflowStatus>())}.");
        return OrderCommandValidation.Reason(v, body.Reason, required: false);
    }

    private static async Task<Results<Ok<OrderCommandResponse>, ValidationProblem, ProblemHttpResult>> RunAsync<TBody>(
        Guid id, HttpRequest request, ClaimsPrincipal user, IClusterClient orleans, string command, CancellationToken ct,
        Func<TBody, Validation, Validation> validate, Func<IOrderGrain, CommandContext, TBody, Task<OrderCommandResult>> send)
        where TBody : class, new()
    {
        var body = await RequestBody.ReadOptionalAsync<TBody>(request, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Unsupported is { } unsupported)
        {
            return unsupported;
        }
        var validation = validate(body.Value!, new Validation());
        var operationId = OrderCommandValidation.OperationId(request, command, validation);
        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.ToProblem();
        }
        var result = await send(orleans.GetGrain<IOrderGrain>(id), new CommandContext(operationId, user.ToActor()), body.Value!);
        return CommandResults.ToHttp(id, result);
    }
}
