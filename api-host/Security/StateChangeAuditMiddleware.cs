using Microsoft.AspNetCore.Authorization;
using OrderActors.Audit;

namespace OrderActors.ApiHost.Security;

/// <summary>
/// Audits every state-changing request (POST, PUT, PATCH, DELETE) of an authenticated caller, so each area's
/// commands are in the audit log without each having to remember: who, which route, which ids, the outcome.
/// Refused attempts (403) are recorded too. Endpoints marked <see cref="AuditsItself"/> and anonymous ones
/// (sign-in, webhooks) are skipped: they audit themselves.
/// </summary>
public sealed class StateChangeAuditMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        {
            return;
        }
        var endpoint = context.GetEndpoint();
        if (endpoint is not RouteEndpoint route
            || endpoint.Metadata.GetMetadata<AuditsItself>() is not null
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var status = context.Response.StatusCode;
        var outcome = status is >= 200 and < 300 ? AuditOutcome.Success : status == StatusCodes.Status403Forbidden ? AuditOutcome.Denied : null;
        if (outcome is null)
        {
            return;
        }
        var target = string.Join(",", context.Request.RouteValues.Select(v => $"{v.Key}={v.Value}"));
        await context.AuditAsync($"{context.Request.Method} {route.RoutePattern.RawText}", target.Length == 0 ? null : target, outcome, $"HTTP {status}");
    }
}
