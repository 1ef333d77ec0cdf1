using OrderActors.Audit;

namespace OrderActors.ApiHost.Components.Live;

/// <summary>Audit entries for what a person does in the dashboard: the same log and fields as the API's entries.</summary>
public sealed class DashboardAudit(IAuditLog audit, DashboardUser user)
{
    public async Task RecordAsync(string action, string? target, string outcome = AuditOutcome.Success, string? details = null)
    {
        var actor = await user.GetActorAsync();
        await audit.RecordAsync(new AuditEntry
        {
            ActorKind = actor.Kind.ToString(),
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            Action = action,
            Target = target,
            Outcome = outcome,
            RemoteAddress = user.RemoteAddress,
            Details = details,
        });
    }
}
