using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OrderActors.Audit;
using OrderActors.Identity;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Security;

/// <summary>
/// Password (and two-factor) sign-in with lockout, sessions with rotating refresh tokens, and sign-out. Every outcome
/// is audited; every failure looks the same to the caller.
/// </summary>
public sealed class SignInService(
    UserStore users,
    SessionStore sessions,
    TokenIssuer issuer,
    IPasswordHasher<UserAccount> hasher,
    IDataProtectionProvider dataProtection,
    IOptions<SecurityOptions> options,
    IAuditLog audit,
    TimeProvider time)
{
    public const string TotpProtectorPurpose = "OrderActors.Totp";

    // Verified when the email is unknown, so an unknown email costs as much time as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(new UserAccount(), SecretHash.NewSecret()));

    public async Task<PasswordSignInResult> PasswordSignInAsync(string email, string password, string? code, string? remoteAddress, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email, ct);
        if (user?.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(new UserAccount(), DummyHash.Value, password);
            await RecordAsync("auth.sign_in", null, email, AuditOutcome.Failure, remoteAddress, user is null ? "unknown email" : "no password set");
            return new PasswordSignInResult(PasswordSignInStatus.Failed);
        }
        var actor = new Actor(ActorKind.User, user.Id, user.Email);
        if (user.IsLockedOut(time.GetUtcNow()))
        {
            await RecordAsync("auth.sign_in", actor, user.Email, AuditOutcome.Denied, remoteAddress, "locked out");
            return new PasswordSignInResult(PasswordSignInStatus.Failed);
        }
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            await FailAsync(user, actor, remoteAddress, "wrong password", ct);
            return new PasswordSignInResult(PasswordSignInStatus.Failed);
        }
        if (user.IsDisabled)
        {
            await RecordAsync("auth.sign_in", actor, user.Email, AuditOutcome.Denied, remoteAddress, "disabled");
            return new PasswordSignInResult(PasswordSignInStatus.Failed);
        }
        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrEmpty(code))
            {
                await RecordAsync("auth.sign_in", actor, user.Email, AuditOutcome.Failure, remoteAddress, "two-factor code required");
                return new PasswordSignInResult(PasswordSignInStatus.TwoFactorRequired);
            }
            if (!await VerifyAndConsumeTotpAsync(user, code, ct))
            {
                await FailAsync(user, actor, remoteAddress, "wrong two-factor code", ct);
                return new PasswordSignInResult(PasswordSignInStatus.TwoFactorRequired);
            }
        }
        await users.ResetFailuresAsync(user.Id, ct);
        await RecordAsync("auth.sign_in", actor, user.Email, AuditOutcome.Success, remoteAddress, user.TwoFactorEnabled ? "password+totp" : "password");
        return new PasswordSignInResult(PasswordSignInStatus.Succeeded, user);
    }

    /// <summary>Starts a session for an authenticated user and issues its first tokens.</summary>
    public async Task<AuthTokens> StartTokenSessionAsync(UserAccount user, string? remoteAddress, CancellationToken ct)
    {
        var o = options.Value;
        var sessionId = await sessions.StartAsync(user.Id, "token", o.SessionIdleTimeout, o.SessionAbsoluteLifetime, remoteAddress, ct);
        return await IssueAsync(user, sessionId, ct);
    }

    /// <summary>Starts a cookie session (the dashboard) and returns the principal to sign in with.</summary>
    public async Task<ClaimsPrincipal> StartCookieSessionAsync(UserAccount user, string? remoteAddress, CancellationToken ct)
    {
        var o = options.Value;
        var sessionId = await sessions.StartAsync(user.Id, "cookie", o.SessionIdleTimeout, o.SessionAbsoluteLifetime, remoteAddress, ct);
        var identity = new ClaimsIdentity(
        [
            new Claim(SecurityClaims.Subject, user.Id),
            new Claim(SecurityClaims.Name, user.DisplayName),
            new Claim(SecurityClaims.Session, sessionId),
            new Claim(SecurityClaims.SecurityStamp, user.SecurityStamp),
        ], SecuritySchemes.Cookie, SecurityClaims.Name, SecurityClaims.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Exchanges a refresh token for new tokens; null when it is unknown, expired, revoked or reused (which revokes the session).</summary>
    public async Task<AuthTokens?> RefreshAsync(string refreshToken, string? remoteAddress, CancellationToken ct)
    {
        var redemption = await sessions.RedeemAsync(refreshToken, options.Value.SessionIdleTimeout, ct);
        var actor = redemption.UserId is null ? null : new Actor(ActorKind.User, redemption.UserId);
        if (redemption.Outcome != RefreshOutcome.Redeemed)
        {
            var action = redemption.Outcome == RefreshOutcome.Reused ? "auth.refresh_reuse" : "auth.refresh";
            await RecordAsync(action, actor, redemption.SessionId, AuditOutcome.Failure, remoteAddress,
                redemption.Outcome == RefreshOutcome.Reused ? "a used refresh token was presented again: session revoked" : redemption.Outcome.ToString().ToLowerInvariant());
            return null;
        }
        var user = await users.FindByIdAsync(redemption.UserId!, ct);
        if (user is null || user.IsDisabled)
        {
            await sessions.RevokeAsync(redemption.SessionId!, ct);
            await RecordAsync("auth.refresh", actor, redemption.SessionId, AuditOutcome.Denied, remoteAddress, "user disabled or gone");
            return null;
        }
        return await IssueAsync(user, redemption.SessionId!, ct);
    }

    /// <summary>Ends the session of the refresh token, or of the signed-in caller. True when a session was found.</summary>
    public async Task<bool> SignOutAsync(string? refreshToken, ClaimsPrincipal caller, string? remoteAddress, CancellationToken ct)
    {
        string? sessionId = caller.FindFirst(SecurityClaims.Session)?.Value;
        string? userId = caller.FindFirst(SecurityClaims.Subject)?.Value;
        if (refreshToken is not null && await sessions.FindByRefreshTokenAsync(refreshToken, ct) is { } found)
        {
            (sessionId, userId) = found;
        }
        if (sessionId is null)
        {
            return false;
        }
        await sessions.RevokeAsync(sessionId, ct);
        await RecordAsync("auth.sign_out", userId is null ? null : new Actor(ActorKind.User, userId), sessionId, AuditOutcome.Success, remoteAddress, null);
        return true;
    }

    public async Task<bool> VerifyAndConsumeTotpAsync(UserAccount user, string code, CancellationToken ct)
    {
        if (user.TotpSecret is null)
        {
            return false;
        }
        var secret = Totp.FromBase32(dataProtection.CreateProtector(TotpProtectorPurpose).Unprotect(user.TotpSecret));
        return Totp.Verify(secret, code, time.GetUtcNow()) is { } step && await users.ConsumeTotpStepAsync(user.Id, step, ct);
    }

    private async Task<AuthTokens> IssueAsync(UserAccount user, string sessionId, CancellationToken ct)
    {
        var permissions = await users.GetPermissionsAsync(user.Id, ct);
        var refreshToken = await sessions.IssueRefreshTokenAsync(sessionId, ct);
        var (accessToken, expiresAt) = issuer.Issue(user.Id, user.DisplayName, permissions,
            [new Claim(SecurityClaims.Session, sessionId), new Claim(SecurityClaims.SecurityStamp, user.SecurityStamp)]);
        return new AuthTokens(accessToken, refreshToken, expiresAt);
    }

    private async Task FailAsync(UserAccount user, Actor actor, string? remoteAddress, string reason, CancellationToken ct)
    {
        var o = options.Value;
        var failures = await users.RecordFailureAsync(user.Id, o.MaxFailedSignIns, o.LockoutDuration, ct);
        await RecordAsync("auth.sign_in", actor, user.Email, AuditOutcome.Failure, remoteAddress, reason);
        if (failures >= o.MaxFailedSignIns)
        {
            await RecordAsync("auth.lockout", actor, user.Email, AuditOutcome.Success, remoteAddress, $"{failures} failed sign-ins; locked for {o.LockoutDuration}");
        }
    }

    private Task RecordAsync(string action, Actor? actor, string? target, string outcome, string? remoteAddress, string? details) =>
        audit.RecordAsync(new AuditEntry
        {
            ActorKind = actor?.Kind.ToString() ?? HttpAudit.AnonymousKind,
            ActorId = actor?.Id ?? "anonymous",
            ActorName = actor?.DisplayName,
            Action = action,
            Target = target,
            Outcome = outcome,
            RemoteAddress = remoteAddress,
            Details = details,
        });
}
