using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OrderActors.ApiHost.Apis.Identity;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Audit;
using OrderActors.Email;
using OrderActors.Identity;

namespace OrderActors.ApiHost.Apis;

/// <summary>Sign-in (tokens and the dashboard cookie), refresh, sign-out, password reset and change, two-factor enrolment.</summary>
public static class AuthApi
{
    public const string PasswordResetPurpose = "password-reset";
    private const int MaxEmailLength = 254;

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").WithMetadata(AuditsItself.Instance);

        // Reachable without credentials: they are how credentials are obtained (or, for logout, given up).
        group.MapPost("/token", Token).Accepts<SignInRequest>("application/json").Produces<AuthTokens>()
            .AllowAnonymous().RequireRateLimiting(HardeningServices.SignInRateLimit);
        group.MapPost("/refresh", Refresh).Accepts<RefreshRequest>("application/json").Produces<AuthTokens>()
            .AllowAnonymous().RequireRateLimiting(HardeningServices.SignInRateLimit);
        group.MapPost("/logout", Logout).Accepts<LogoutRequest>("application/json")
            .AllowAnonymous().RequireRateLimiting(HardeningServices.SignInRateLimit);
        group.MapPost("/password-reset", RequestPasswordReset).Accepts<PasswordResetRequest>("application/json")
            .AllowAnonymous().RequireRateLimiting(HardeningServices.SignInRateLimit);
        group.MapPost("/password-reset/confirm", ConfirmPasswordReset).Accepts<PasswordResetConfirmRequest>("application/json")
            .AllowAnonymous().RequireRateLimiting(HardeningServices.SignInRateLimit);
        group.MapPost("/cookie", CookieSignIn).Accepts<SignInRequest>("application/json")
            .AllowAnonymous().RequireRateLimiting(HardeningServices.SignInRateLimit);

        group.MapPost("/cookie/sign-out", CookieSignOut).RequireSignedInUser();
        group.MapGet("/me", Me).RequireSignedInUser();
        group.MapPost("/password", ChangePassword).Accepts<ChangePasswordRequest>("application/json").RequireSignedInUser();
        group.MapPost("/2fa/setup", SetUpTwoFactor).Produces<TwoFactorSetupResponse>().RequireSignedInUser();
        group.MapPost("/2fa/enable", EnableTwoFactor).Accepts<TwoFactorCodeRequest>("application/json").RequireSignedInUser();
        group.MapPost("/2fa/disable", DisableTwoFactor).Accepts<TwoFactorDisableRequest>("application/json").RequireSignedInUser();
        return group;
    }

    private static IResult InvalidCredentials(bool twoFactorRequired = false) => twoFactorRequired
        ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid two-factor code is required.",
            extensions: new Dictionary<string, object?> { ["twoFactorRequired"] = true })
        : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The email or password is incorrect.");

    private static string? Remote(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    private static async Task<(PasswordSignInResult? Result, IResult? Problem)> PasswordSignInAsync(HttpContext http, SignInService signIn, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<SignInRequest>(http.Request, ct);
        if (problem is not null)
        {
            return (null, problem);
        }
        var v = new Validation()
            .Require(!string.IsNullOrWhiteSpace(body!.Email), "email", "email is required.")
            .Require(body.Email is null || body.Email.Length <= MaxEmailLength, "email", $"email is at most {MaxEmailLength} characters.")
            .Require(!string.IsNullOrEmpty(body.Password), "password", "password is required.")
            .Require(body.Password is null || body.Password.Length <= PasswordPolicy.MaximumLength, "password", $"password is at most {PasswordPolicy.MaximumLength} characters.")
            .Require(body.Code is null || body.Code.Length <= 10, "code", "code is a 6-digit authenticator code.");
        if (!v.IsValid)
        {
            return (null, v.ToProblem());
        }
        var result = await signIn.PasswordSignInAsync(body.Email!, body.Password!, body.Code, Remote(http), ct);
        return result.Status switch
        {
            PasswordSignInStatus.Succeeded => (result, null),
            PasswordSignInStatus.TwoFactorRequired => (null, InvalidCredentials(twoFactorRequired: true)),
            _ => (null, InvalidCredentials()),
        };
    }

    private static async Task<IResult> Token(HttpContext http, SignInService signIn, CancellationToken ct)
    {
        var (result, problem) = await PasswordSignInAsync(http, signIn, ct);
        return problem ?? TypedResults.Ok(await signIn.StartTokenSessionAsync(result!.User!, Remote(http), ct));
    }

    private static async Task<IResult> CookieSignIn(HttpContext http, SignInService signIn, CancellationToken ct)
    {
        var (result, problem) = await PasswordSignInAsync(http, signIn, ct);
        if (problem is not null)
        {
            return problem;
        }
        var principal = await signIn.StartCookieSessionAsync(result!.User!, Remote(http), ct);
        await http.SignInAsync(SecuritySchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CookieSignOut(HttpContext http, SignInService signIn, CancellationToken ct)
    {
        await signIn.SignOutAsync(null, http.User, Remote(http), ct);
        await http.SignOutAsync(SecuritySchemes.Cookie);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Refresh(HttpContext http, SignInService signIn, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RefreshRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrWhiteSpace(body!.RefreshToken) || body.RefreshToken.Length > 200)
        {
            return new Validation().Add("refreshToken", "refreshToken is required.").ToProblem();
        }
        var tokens = await signIn.RefreshAsync(body.RefreshToken, Remote(http), ct);
        return tokens is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The refresh token is not valid.")
            : TypedResults.Ok(tokens);
    }

    // Anonymous on purpose: the refresh token is the credential, and all it can do is end its own session.
    // With a bearer token and no body it ends the bearer's session.
    private static async Task<IResult> Logout(HttpContext http, SignInService signIn, CancellationToken ct)
    {
        string? refreshToken = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync<LogoutRequest>(http.Request, ct);
            if (problem is not null)
            {
                return problem;
            }
            refreshToken = body!.RefreshToken;
            if (refreshToken is { Length: > 200 })
            {
                return new Validation().Add("refreshToken", "refreshToken is not a refresh token.").ToProblem();
            }
        }
        var caller = http.User;
        if (refreshToken is null && !caller.HasClaim(c => c.Type == SecurityClaims.Session))
        {
            return new Validation().Add("refreshToken", "refreshToken is required without a bearer token.").ToProblem();
        }
        await signIn.SignOutAsync(refreshToken, caller, Remote(http), ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RequestPasswordReset(
        HttpContext http, UserStore users, OneTimeTokenStore tokens, IEmailSender email, IOptions<SecurityOptions> options, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<PasswordResetRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrWhiteSpace(body!.Email) || body.Email.Length > MaxEmailLength)
        {
            return new Validation().Add("email", "email is required.").ToProblem();
        }
        var user = await users.FindByEmailAsync(body.Email, ct);
        if (user is not null && !user.IsDisabled)
        {
            await SendPasswordResetAsync(user, tokens, email, options.Value, ct);
        }
        await http.AuditAsync("auth.password_reset_requested", body.Email, user is null ? AuditOutcome.Failure : AuditOutcome.Success,
            user is null ? "unknown email" : null);
        // The same answer whether or not the email is known.
        return TypedResults.Accepted((string?)null);
    }

    public static async Task SendPasswordResetAsync(UserAccount user, OneTimeTokenStore tokens, IEmailSender email, SecurityOptions options, CancellationToken ct)
    {
        var token = await tokens.IssueAsync(user.Id, PasswordResetPurpose, options.PasswordResetTokenLifetime, ct);
        var link = $"{options.PublicBaseUrl.TrimEnd('/')}/reset-password?token={Uri.EscapeDataString(token)}";
        await email.SendAsync(new EmailMessage(user.Email, "Reset your OrderActors password",
            $"Someone asked to reset the password of {user.Email}.\n\nOpen {link}\n" +
            $"or send this token to POST /api/auth/password-reset/confirm: {token}\n\n" +
            $"It works once, for {options.PasswordResetTokenLifetime.TotalMinutes:0} minutes. If it was not you, ignore this mail."), ct);
    }

    private static async Task<IResult> ConfirmPasswordReset(
        HttpContext http, UserStore users, SessionStore sessions, OneTimeTokenStore tokens, PasswordPolicy policy, IPasswordHasher<UserAccount> hasher, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<PasswordResetConfirmRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrWhiteSpace(body!.Token) || body.Token.Length > 200)
        {
            return new Validation().Add("token", "token is required.").ToProblem();
        }
        var userId = await tokens.PeekAsync(body.Token, PasswordResetPurpose, ct);
        var user = userId is null ? null : await users.FindByIdAsync(userId, ct);
        if (user is null)
        {
            await http.AuditAsync("auth.password_reset", null, AuditOutcome.Failure, "invalid or expired token");
            return new Validation().Add("token", "The token is invalid, used or expired.").ToProblem();
        }
        var errors = policy.Check(body.NewPassword, user.Email);
        if (errors.Count > 0)
        {
            return Validation.Problem(new Dictionary<string, string[]> { ["newPassword"] = errors.ToArray() });
        }
        if (await tokens.ConsumeAsync(body.Token, PasswordResetPurpose, ct) != user.Id)
        {
            return new Validation().Add("token", "The token is invalid, used or expired.").ToProblem();
        }
        await users.SetPasswordAsync(user.Id, hasher.HashPassword(user, body.NewPassword!), ct);
        await sessions.RevokeAllAsync(user.Id, ct);
        await http.AuditAsync("auth.password_reset", user.Email, AuditOutcome.Success, actor: new OrderActors.Orders.Actor(OrderActors.Orders.ActorKind.User, user.Id, user.Email));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Me(HttpContext http, UserStore users, CancellationToken ct)
    {
        var id = http.User.FindFirst(SecurityClaims.Subject)!.Value;
        var user = await users.FindByIdAsync(id, ct);
        return TypedResults.Ok(new CurrentUserResponse(
            id,
            http.User.Identity?.Name ?? id,
            user?.Email,
            user?.Roles ?? [],
            http.User.FindAll(Permissions.ClaimType).Select(c => c.Value).Order(StringComparer.Ordinal).ToList(),
            user?.TwoFactorEnabled ?? false));
    }

    private static async Task<IResult> ChangePassword(
        HttpContext http, UserStore users, SessionStore sessions, PasswordPolicy policy, IPasswordHasher<UserAccount> hasher, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ChangePasswordRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var user = await users.FindByIdAsync(http.User.FindFirst(SecurityClaims.Subject)!.Value, ct);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        if (string.IsNullOrEmpty(body!.CurrentPassword) || body.CurrentPassword.Length > PasswordPolicy.MaximumLength || user.PasswordHash is null
            || hasher.VerifyHashedPassword(user, user.PasswordHash, body.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            await http.AuditAsync("auth.password_change", user.Email, AuditOutcome.Failure, "wrong current password");
            return new Validation().Add("currentPassword", "The current password is incorrect.").ToProblem();
        }
        var errors = policy.Check(body.NewPassword, user.Email);
        if (errors.Count > 0)
        {
            return Validation.Problem(new Dictionary<string, string[]> { ["newPassword"] = errors.ToArray() });
        }
        await users.SetPasswordAsync(user.Id, hasher.HashPassword(user, body.NewPassword!), ct);
        await sessions.RevokeAllAsync(user.Id, ct);
        await http.AuditAsync("auth.password_change", user.Email);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SetUpTwoFactor(HttpContext http, UserStore users, IDataProtectionProvider dataProtection, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(http.User.FindFirst(SecurityClaims.Subject)!.Value, ct);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        if (user.TwoFactorEnabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Two-factor sign-in is already enabled; disable it first.");
        }
        var secret = Totp.NewSecret();
        var encoded = Totp.ToBase32(secret);
        await users.SetPendingTotpSecretAsync(user.Id, dataProtection.CreateProtector(SignInService.TotpProtectorPurpose).Protect(encoded), ct);
        await http.AuditAsync("auth.2fa_setup", user.Email);
        return TypedResults.Ok(new TwoFactorSetupResponse(encoded, Totp.AuthenticatorUri("OrderActors", user.Email, secret)));
    }

    private static async Task<IResult> EnableTwoFactor(HttpContext http, UserStore users, SignInService signIn, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<TwoFactorCodeRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var user = await users.FindByIdAsync(http.User.FindFirst(SecurityClaims.Subject)!.Value, ct);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        if (user.TwoFactorEnabled)
        {
            return TypedResults.NoContent();
        }
        if (user.TotpSecret is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Call POST /api/auth/2fa/setup first.");
        }
        if (string.IsNullOrEmpty(body!.Code) || !await signIn.VerifyAndConsumeTotpAsync(user, body.Code, ct))
        {
            await http.AuditAsync("auth.2fa_enable", user.Email, AuditOutcome.Failure, "wrong code");
            return new Validation().Add("code", "The code does not match; check the authenticator app's clock.").ToProblem();
        }
        await users.EnableTotpAsync(user.Id, ct);
        await http.AuditAsync("auth.2fa_enable", user.Email);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DisableTwoFactor(HttpContext http, UserStore users, SessionStore sessions, IPasswordHasher<UserAccount> hasher, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<TwoFactorDisableRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var user = await users.FindByIdAsync(http.User.FindFirst(SecurityClaims.Subject)!.Value, ct);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        if (string.IsNullOrEmpty(body!.Password) || body.Password.Length > PasswordPolicy.MaximumLength || user.PasswordHash is null
            || hasher.VerifyHashedPassword(user, user.PasswordHash, body.Password) == PasswordVerificationResult.Failed)
        {
            await http.AuditAsync("auth.2fa_disable", user.Email, AuditOutcome.Failure, "wrong password");
            return new Validation().Add("password", "The password is incorrect.").ToProblem();
        }
        await users.DisableTotpAsync(user.Id, ct);
        await sessions.RevokeAllAsync(user.Id, ct);
        await http.AuditAsync("auth.2fa_disable", user.Email);
        return TypedResults.NoContent();
    }
}
