using System.Security.Claims;
using OrderActors.Identity;

namespace OrderActors.ApiHost.Security;

/// <summary>
/// Checks an access token's or cookie's principal against the user's current state on every request, so that logout,
/// a disabled account or a new password take effect at once, and replaces its permissions and roles with the user's
/// current ones (a role change applies to the next request, not the next sign-in). The state is one query, kept per
/// session in <see cref="AccessStateCache"/> for <see cref="SecurityOptions.SessionCheckCacheDuration"/>: the stores
/// invalidate it on every change made through this process, so here a change applies to the next request; another
/// api-host applies it within that duration.
/// </summary>
public sealed class SessionValidator(UserStore users, AccessStateCache accessStates)
{
    /// <summary>The principal to continue with, or null to reject the request's credentials.</summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(ClaimsPrincipal principal, string authenticationType, CancellationToken ct)
    {
        var subject = principal.FindFirst(SecurityClaims.Subject)?.Value;
        var session = principal.FindFirst(SecurityClaims.Session)?.Value;
        var stamp = principal.FindFirst(SecurityClaims.SecurityStamp)?.Value;
        if (subject is null || session is null || stamp is null)
        {
            return null;
        }
        var state = await accessStates.GetOrLoadAsync(subject, session, token => users.GetAccessStateAsync(subject, session, token), ct);
        if (state is null || state.Disabled || !state.SessionActive || !string.Equals(state.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            return null;
        }
        var claims = principal.Claims
            .Where(c => c.Type is not Permissions.ClaimType and not SecurityClaims.Role)
            .Select(c => new Claim(c.Type, c.Value))
            .Concat(state.Permissions.Select(p => new Claim(Permissions.ClaimType, p)))
            .Concat(state.Roles.Select(r => new Claim(SecurityClaims.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, SecurityClaims.Name, SecurityClaims.Role));
    }
}
