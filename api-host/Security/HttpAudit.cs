using OrderActors.Audit;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Security;

/// <summary>Writes an audit entry for the current request: the caller (user or API key), and the client address.</summary>
public static class HttpAudit
{
    public const string AnonymousKind = "Anonymous";

    public static Task AuditAsync(this HttpContext http, string action, string? target, string outcome = AuditOutcome.Success, string? details = null, Actor? actor = null)
    {
        var who = actor ?? (http.User.Identity?.IsAuthenticated == true ? http.User.ToActor() : null);
        return http.RequestServices.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry
        {
            ActorKind = who?.Kind.ToString() ?? AnonymousKind,
            ActorId = who?.Id ?? "anonymous",
            ActorName = who?.DisplayName,
            Action = action,
            Target = target,
            Outcome = outcome,
            RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            Details = details,
        }, CancellationToken.None);
    }
}
