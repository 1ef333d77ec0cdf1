using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Apis.Orders;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Orders;
using OrderActors.ReadModel;

namespace OrderActors.ApiHost.Apis;

public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/orders").WithTags("Orders");

        group.MapPost("/", CreateOrder)
            .Accepts<CreateOrderRequest>("application/json")
            .Produces<OrderCreatedResponse>(StatusCodes.Status201Created)
            .Produces<OrderCreatedResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .RequirePermission(Permissions.OrdersWrite);

        group.MapGet("/{id:guid}", GetOrder).RequirePermission(Permissions.OrdersRead);
        group.MapGet("/", ListOrders).RequirePermission(Permissions.OrdersRead);
        return group;
    }

    public sealed record OrderCreatedResponse(Guid Id, bool Created);

    private static async Task<IResult> CreateOrder(HttpRequest request, IClusterClient orleans, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateOrderRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var validation = CreateOrderValidator.Validate(body!);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var operationId = request.Headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 and <= 200 } key
            ? $"create:{key}"
            : $"create:{Guid.NewGuid():N}";
        var snapshot = CreateOrderValidator.ToSnapshot(body!, operationId, request.HttpContext.User.ToActor(), time.GetUtcNow());
        var grain = orleans.GetGrain<IOrderGrain>(snapshot.OrderId);

        // Creating an order that already exists creates nothing: answer with the existing id.
        if (await grain.GetDetails() is { } existing)
        {
            return TypedResults.Ok(new OrderCreatedResponse(existing.Id, Created: false));
        }
        var result = await grain.Upsert(snapshot);
        var response = new OrderCreatedResponse(result.Order.Id, result.Outcome == UpsertOutcome.Created);
        return result.Outcome == UpsertOutcome.Created
            ? TypedResults.Created($"/api/orders/{result.Order.Id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<OrderDetails>, ProblemHttpResult>> GetOrder(Guid id, IClusterClient orleans)
    {
        var order = await orleans.GetGrain<IOrderGrain>(id).GetDetails();
        return order is null
            ? TypedResults.Problem(title: "Order not found.", detail: $"No order has id {id}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(order);
    }

    private static async Task<IResult> ListOrders(
        OrderQueries queries,
        string? platform,
        string? status,
        string? workflowStatus,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? limit,
        string? after,
        CancellationToken ct)
    {
        var validation = new Validation()
            .Require(platform is null || Enum.TryParse<SourcePlatform>(platform, out _), "platform", $"Unknown platform '{platform}'.")
            .Require(status is null || Enum.TryParse<OrderStatus>(status, out _), "status", $"Unknown status '{status}'.")
            .Require(workflowStatus is null || Enum.TryParse<WorkflowStatus>(workflowStatus, out _), "workflowStatus", $"Unknown workflow status '{workflowStatus}'.")
            .Require(limit is null or (>= 1 and <= 500), "limit", "limit must be between 1 and 500.")
            .Require(after is null || OrderListCursor.TryDecode(after, out _), "after", "after is not a cursor returned by this API.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        var page = await queries.ListAsync(new OrderListQuery
        {
            Platform = platform,
            Status = status,
            WorkflowStatus = workflowStatus,
            From = from,
            To = to,
            Limit = limit ?? 50,
            After = after,
        }, ct);
        return TypedResults.Ok(page);
    }
}
