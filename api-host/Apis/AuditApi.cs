using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Audit;

namespace OrderActors.ApiHost.Apis;

/// <summary>The audit log, newest first, filtered by actor, action, target, outcome and time; paged by the <c>before</c> id cursor.</summary>
public static class AuditApi
{
    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", Query).WithTags("Audit").Produces<AuditPage>().RequirePermission(Permissions.AuditRead);

    private static async Task<IResult> Query(
        IAuditLog audit, string? actorId, string? action, string? target, string? outcome, DateTimeOffset? from, DateTimeOffset? to, long? before, int? limit, CancellationToken ct)
    {
        var v = new Validation()
            .Require(limit is null or (>= 1 and <= 500), "limit", "limit must be between 1 and 500.")
            .Require(before is null or > 0, "before", "before is an id cursor returned by this API.")
            .Require(outcome is null or AuditOutcome.Success or AuditOutcome.Failure or AuditOutcome.Denied, "outcome", "outcome is success, failure or denied.")
            .Require(from is null || to is null || from < to, "from", "from must be before to.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        return TypedResults.Ok(await audit.QueryAsync(new AuditQuery
        {
            ActorId = actorId,
            Action = action,
            Target = target,
            Outcome = outcome,
            From = from,
            To = to,
            Before = before,
            Limit = limit ?? 100,
        }, ct));
    }
}
