using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Apis.Orders;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Orders;
using OrderActors.ReadModel;

namespace OrderActors.ApiHost.Apis;

public static class OrdersApi
{
    public static readonly TimeSpan DefaultStatisticsRange = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxStatisticsRange = TimeSpan.FromDays(400);

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
        group.MapGet("/stats", GetStatistics).RequirePermission(Permissions.OrdersRead);
        group.MapGet("/export.csv", ExportCsv).RequirePermission(Permissions.OrdersRead);
        group.MapOrderCommands();
        group.MapOrderBulk();
        group.MapOrderDuplicates();
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
        return order is null ? CommandResults.NotFound(id) : TypedResults.Ok(order);
    }

    private static async Task<Results<BufferedJsonOk<OrderListPage>, ValidationProblem>> ListOrders(
        OrderQueries queries,
        string? platform,
        string? account,
        string? status,
        string? workflowStatus,
        string? q,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? limit,
        string? after,
        string? sort,
        CancellationToken ct)
    {
        var filters = new OrderListParameters(platform, account, status, workflowStatus, q, from, to, sort);
        var validation = filters.Validate(new Validation())
            .Require(limit is null or (>= 1 and <= OrderQueries.MaxLimit), "limit", $"limit must be between 1 and {OrderQueries.MaxLimit}.")
            .Require(after is null || (OrderListCursor.TryDecode(after, out var cursor) && cursor!.Sort == (OrderSort.Parse(sort)?.Name ?? "")),
                "after", "after is not a cursor returned by this API for this sort.");
        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.ToProblem();
        }
        return new BufferedJsonOk<OrderListPage>(await queries.ListAsync(filters.ToQuery(limit ?? 50, after), ct));
    }

    private static async Task<Results<Ok<OrderStatistics>, ValidationProblem>> GetStatistics(
        OrderStatisticsQueries statistics, TimeProvider time, string? platform, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end - DefaultStatisticsRange;
        var validation = new Validation()
            .Require(platform is null || OrderCommandValidation.TryParsePlatform(platform, out _), "platform", $"Unknown platform '{platform}'.")
            .Require(start < end, "from", "from must be before to.")
            .Require(end - start <= MaxStatisticsRange, "from", $"The range is at most {MaxStatisticsRange.TotalDays} days.");
        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.ToProblem();
        }
        return TypedResults.Ok(await statistics.GetAsync(start, end, platform, ct));
    }

    private static Results<PushStreamHttpResult, ValidationProblem> ExportCsv(
        HttpContext http,
        OrderQueries queries,
        string? platform,
        string? account,
        string? status,
        string? workflowStatus,
        string? q,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? sort)
    {
        var filters = new OrderListParameters(platform, account, status, workflowStatus, q, from, to, sort);
        var validation = filters.Validate(new Validation());
        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.ToProblem();
        }
        return TypedResults.Stream(
            (stream) => OrderCsv.WriteAsync(stream, queries.StreamAsync(filters.ToQuery(), http.RequestAborted), http.RequestAborted),
            contentType: "text/csv; charset=utf-8",
            fileDownloadName: "orders.csv");
    }
}
