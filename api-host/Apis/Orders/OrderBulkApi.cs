using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis.Orders;

/// <summary><c>POST /api/orders/bulk</c>: one action on many orders, answered with a result per order (never all-or-nothing).</summary>
public static class OrderBulkApi
{
    private const int Parallelism = 16;

    public static RouteGroupBuilder MapOrderBulk(this RouteGroupBuilder group)
    {
        group.MapPost("/bulk", BulkAsync).Accepts<BulkRequest>("application/json").RequirePermission(Permissions.OrdersBulk);
        return group;
    }

    private static async Task<Results<Ok<BulkResponse>, ValidationProblem, ProblemHttpResult>> BulkAsync(
        HttpRequest request, ClaimsPrincipal user, IClusterClient orleans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<BulkRequest>(request, ct);
        if (problem is ValidationProblem invalid)
        {
            return invalid;
        }
        if (problem is ProblemHttpResult unsupported)
        {
            return unsupported;
        }
        var validation = Validate(body!);
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        validation.Require(key is null || key.Length is > 0 and <= OrderCommandValidation.MaxIdempotencyKeyLength, "Idempotency-Key",
            $"The Idempotency-Key header is 1 to {OrderCommandValidation.MaxIdempotencyKeyLength} characters.");
        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.ToProblem();
        }

        var actor = user.ToActor();
        var batch = key ?? Guid.NewGuid().ToString("N");
        var results = new ConcurrentDictionary<Guid, BulkItemResult>();
        var ids = body!.OrderIds!.Distinct().ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (id, _) =>
        {
            // One operation id per order and batch: retrying the whole batch applies each order at most once.
            var context = new CommandContext($"bulk-{body.Action}:{batch}:{id:N}", actor);
            try
            {
                var result = await SendAsync(orleans.GetGrain<IOrderGrain>(id), context, body);
                results[id] = result.Outcome switch
                {
                    CommandOutcome.NotFound => new BulkItemResult(id, StatusCodes.Status404NotFound, result.Outcome, "Order not found.", null),
                    CommandOutcome.Refused => new BulkItemResult(id, StatusCodes.Status409Conflict, result.Outcome, result.Violation!.Message, result.Violation),
                    _ => new BulkItemResult(id, StatusCodes.Status200OK, result.Outcome, null, null),
                };
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                results[id] = new BulkItemResult(id, StatusCodes.Status503ServiceUnavailable, null, "The order did not answer; retry with the same Idempotency-Key.", null);
            }
        });
        var ordered = ids.Select(id => results[id]).ToList();
        var succeeded = ordered.Count(r => r.StatusCode == StatusCodes.Status200OK);
        return TypedResults.Ok(new BulkResponse(succeeded, ordered.Count - succeeded, ordered));
    }

    private static Validation Validate(BulkRequest body)
    {
        var v = new Validation();
        string[] actions = ["accept", "reject", "undo", "status", "workflowStatus", "notes"];
        v.Require(body.Action is not null && actions.Contains(body.Action), "action", $"action is one of: {string.Join(", ", actions)}.");
        v.Require(body.OrderIds is { Count: > 0 }, "orderIds", "At least one order id is required.");
        v.Require(body.OrderIds is null || body.OrderIds.Count <= OrderCommandValidation.MaxBulkOrders, "orderIds", $"At most {OrderCommandValidation.MaxBulkOrders} orders.");
        OrderCommandValidation.Reason(v, body.Reason, required: body.Action == "reject");
        if (body.Action == "status")
        {
            v.Require(OrderCommandValidation.TryParseStatus(body.Status, out _), "status", $"Unknown status '{body.Status}'.");
        }
        if (body.Action == "workflowStatus")
        {
            v.Require(OrderCommandValidation.TryParseWorkflowStatus(body.WorkflowStatus, out _), "workflowStatus", $"Unknown workflow status '{body.WorkflowStatus}'.");
        }
        if (body.Action == "notes")
        {
            OrderCommandValidation.Notes(v, body.Notes, null);
        }
        return v;
    }

    private static Task<OrderCommandResult> SendAsync(IOrderGrain grain, CommandContext context, BulkRequest body) => body.Action switch
    {
        "accept" => grain.Accept(context, body.Reason),
        "reject" => grain.Reject(context, body.Reason),
        "undo" => grain.Undo(context),
        "status" => grain.ChangeStatus(context, Enum.Parse<OrderStatus>(body.Status!), body.Reason),
        "workflowStatus" => grain.ChangeWorkflowStatus(context, Enum.Parse<WorkflowStatus>(body.WorkflowStatus!), body.Reason),
        "notes" => grain.SetNotes(context, string.IsNullOrWhiteSpace(body.Notes) ? null : body.Notes),
        _ => throw new InvalidOperationException($"Unvalidated action {body.Action}"),
    };
}
