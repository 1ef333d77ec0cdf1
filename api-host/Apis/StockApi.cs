using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Stock;

namespace OrderActors.ApiHost.Apis;

public static class StockApi
{
    public sealed record StockAdjustmentRequest(string? Sku, string? Location, int OnHandDelta, int ReservedDelta, string? Reason, string? Reference);

    public static RouteGroupBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/stock").WithTags("Stock");
        group.MapGet("/", async (StockQueries q, string? sku, string? location, int? limit, CancellationToken ct) =>
            TypedResults.Ok(new { items = await q.LevelsAsync(sku, location, limit ?? 100, ct) })).RequirePermission(Permissions.StockRead);
        group.MapGet("/movements", Movements).RequirePermission(Permissions.StockRead);
        group.MapPost("/adjustments", (HttpContext c, IClusterClient o) => IdempotentCommand.RunAsync(c, "stock.adjustments", keyRequired: false, () => AdjustAsync(c, o)))
            .RequirePermission(Permissions.StockWrite);
        return group;
    }

    private static async Task<IResult> Movements(StockQueries queries, string? sku, string? location, int? limit, CancellationToken ct)
    {
        var v = new Validation()
            .Require(!string.IsNullOrWhiteSpace(sku), "sku", "sku is required.")
            .Require(!string.IsNullOrWhiteSpace(location), "location", "location is required.");
        return v.IsValid ? TypedResults.Ok(new { items = await queries.MovementsAsync(sku!, location!, limit ?? 100, ct) }) : v.ToProblem();
    }

    private static async Task<IResult> AdjustAsync(HttpContext context, IClusterClient orleans)
    {
        var (body, problem) = await JsonBody.ReadAsync<StockAdjustmentRequest>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }
        var v = new Validation()
            .Require(!string.IsNullOrWhiteSpace(body!.Sku) && body.Sku.Length <= 128, "sku", "sku is required.")
            .Require(!string.IsNullOrWhiteSpace(body.Location) && body.Location.Length <= 64, "location", "location is required.")
            .Require(body.OnHandDelta != 0 || body.ReservedDelta != 0, "onHandDelta", "onHandDelta or reservedDelta must not be zero.")
            .Require(body.Reason is not null && StockReasons.All.Contains(body.Reason), "reason", $"reason is one of: {string.Join(", ", StockReasons.All)}.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var key = IdempotentCommand.KeyOf(context.Request);
        var actor = context.User.ToActor();
        var result = await orleans.GetGrain<IStockItemGrain>(StockKey.For(body.Sku!, body.Location!)).Adjust(new AdjustStockCommand(
            string.IsNullOrEmpty(key) ? $"api:{Guid.NewGuid():N}" : $"api:{actor.Id}:{key}", body.Sku!, body.Location!, body.OnHandDelta, body.ReservedDelta, body.Reason!, body.Reference, actor));
        return result.Error is null
            ? CommandResponse.Ok(result.Level)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The stock movement is not possible.", detail: result.Error);
    }
}
