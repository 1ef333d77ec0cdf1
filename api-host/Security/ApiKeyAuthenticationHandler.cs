using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OrderActors.Identity;

namespace OrderActors.ApiHost.Security;

/// <summary>Authenticates machines by the <c>X-Api-Key</c> header; the key's own permissions are its claims.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(SecuritySchemes.ApiKeyHeader, out var values))
        {
            return AuthenticateResult.NoResult();
        }
        var presented = values.ToString();
        if (values.Count != 1 || presented.Length is < 16 or > 200 || !presented.StartsWith(ApiKeyStore.KeyPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }
        var key = await keys.FindActiveAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        var claims = new List<Claim>
        {
            new(SecurityClaims.Subject, key.Id),
            new(SecurityClaims.Name, key.Name),
            new(CallerActor.ApiKeyClaim, key.Id),
        };
        claims.AddRange(key.Permissions.Select(p => new Claim(Permissions.ClaimType, p)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SecuritySchemes.ApiKey, SecurityClaims.Name, SecurityClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SecuritySchemes.ApiKey));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey";
        return Task.CompletedTask;
    }
}
