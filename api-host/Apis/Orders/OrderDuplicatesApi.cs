using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Orders;
using OrderActors.ReadModel;

namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>
/// Probable duplicates across platforms: <c>GET /api/orders/{id}/duplicates</c> and
/// <c>POST /api/orders/{id}/duplicates/{otherId}/confirm|dismiss</c>. A decision is recorded on both orders.
/// </summary>
public static class OrderDuplicatesApi
{
    public static RouteGroupBuilder MapOrderDuplicates(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/duplicates", ListAsync).RequirePermission(Permissions.OrdersRead);
        group.MapPost("/{id:guid}/duplicates/{otherId:guid}/confirm", ConfirmAsync)
            .Accepts<ConfirmDuplicateRequest>("application/json").RequirePermission(Permissions.OrdersWrite);
        group.MapPost("/{id:guid}/duplicates/{otherId:guid}/dismiss", DismissAsync).RequirePermission(Permissions.OrdersWrite);
        return group;
    }

    private static async Task<Results<Ok<DuplicateListResponse>, ProblemHttpResult>> ListAsync(
        Guid id, IClusterClient orleans, DuplicateCandidateQueries queries, CancellationToken ct)
    {
        if (await orleans.GetGrain<IOrderGrain>(id).GetDetails() is null)
        {
            return CommandResults.NotFound(id);
        }
        return TypedResults.Ok(new DuplicateListResponse(await queries.ForOrderAsync(id, ct)));
    }

    private static async Task<Results<Ok<OrderCommandResponse>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        Guid id, Guid otherId, HttpRequest request, ClaimsPrincipal user, IClusterClient orleans, CancellationToken ct)
    {
        var body = await RequestBody.ReadOptionalAsync<ConfirmDuplicateRequest>(request, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Unsupported is { } unsupported)
        {
            return unsupported;
        }
        var primary = body.Value!.PrimaryId ?? id;
        var validation = new Validation().Require(primary == id || primary == otherId, "primaryId", $"primaryId is {id} or {otherId}.");
        var operationId = OrderCommandValidation.OperationId(request, "confirm-duplicate", validation);
        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.ToProblem();
        }
        return await DecideAsync(id, otherId, orleans, new CommandContext(operationId, user.ToActor()),
            (grain, context, other) => grain.ConfirmDuplicate(context, other, primary));
    }

    private static async Task<Results<Ok<OrderCommandResponse>, ValidationProblem, ProblemHttpResult>> DismissAsync(
        Guid id, Guid otherId, HttpRequest request, ClaimsPrincipal user, IClusterClient orleans)
    {
        var validation = new Validation();
        var operationId = OrderCommandValidation.OperationId(request, "dismiss-duplicate", validation);
        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.ToProblem();
        }
        return await DecideAsync(id, otherId, orleans, new CommandContext(operationId, user.ToActor()),
            (grain, context, other) => grain.DismissDuplicate(context, other));
    }

    private static async Task<Results<Ok<OrderCommandResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, Guid otherId, IClusterClient orleans, CommandContext context, Func<IOrderGrain, CommandContext, Guid, Task<OrderCommandResult>> decide)
    {
        var order = await orleans.GetGrain<IOrderGrain>(id).GetDetails();
        if (order is null)
        {
            return CommandResults.NotFound(id);
        }
        if (order.Duplicates.All(d => d.OtherOrderId != otherId))
        {
            return TypedResults.Problem(title: "Not a duplicate candidate.", detail: $"Order {otherId} is not a duplicate candidate of {id}.",
                statusCode: StatusCodes.Status404NotFound);
        }
        var result = await decide(orleans.GetGrain<IOrderGrain>(id), context, otherId);
        if (!result.Succeeded)
        {
            return CommandResults.ToHttp(id, result);
        }
        // The same operation id on the other order: a retried request completes whichever half did not happen.
        var other = await decide(orleans.GetGrain<IOrderGrain>(otherId), context, id);
        return other.Outcome == CommandOutcome.Refused ? CommandResults.Conflict(other.Violation!) : CommandResults.ToHttp(id, result);
    }
}
