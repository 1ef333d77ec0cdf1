namespace OrderActors.ApiHost.Security;

/// <summary>
/// Endpoint metadata: the endpoint writes its own, richer audit entries, so <see cref="StateChangeAuditMiddleware"/>
/// skips it. Add with <c>.WithMetadata(AuditsItself.Instance)</c>.
/// </summary>
public sealed class AuditsItself
{
    public static readonly AuditsItself Instance = new();
}
