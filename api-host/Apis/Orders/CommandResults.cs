using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>Maps what the order grain answered to HTTP: refusals are 409 problems naming current and requested state.</summary>
public static class CommandResults
{
    public static Results<Ok<OrderCommandResponse>, ValidationProblem, ProblemHttpResult> ToHttp(Guid id, OrderCommandResult result) => result.Outcome switch
    {
        CommandOutcome.NotFound => NotFound(id),
        CommandOutcome.Refused => Conflict(result.Violation!),
        _ => TypedResults.Ok(new OrderCommandResponse(id, result.Outcome, result.Order)),
    };

    public static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(title: "Order not found.", detail: $"No order has id {id}.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(OrderRuleViolation violation) =>
        TypedResults.Problem(
            title: violation.Code == OrderRuleViolation.InvalidTransition ? "Invalid state transition." : "The order refused the command.",
            detail: violation.Message,
            statusCode: StatusCodes.Status409Conflict,
            type: $"https://orderactors.dev/problems/{violation.Code}",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = violation.Code,
                ["kind"] = violation.Kind,
                ["current"] = violation.Current,
                ["requested"] = violation.Requested,
            });
}
