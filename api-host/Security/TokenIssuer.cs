using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrderActors.ApiHost.Security;

/// <summary>Issues short-lived HMAC-signed access tokens carrying the caller's permissions.</summary>
public sealed class TokenIssuer(SigningKeyProvider keys, IOptions<JwtSettings> settings, TimeProvider time)
{
    public (string Token, DateTimeOffset ExpiresAt) Issue(string subject, string name, IEnumerable<string> permissions, IEnumerable<Claim>? extraClaims = null)
    {
        var now = time.GetUtcNow();
        var expires = now + settings.Value.AccessTokenLifetime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, subject),
            new(JwtRegisteredClaimNames.Name, name),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(permissions.Distinct().Select(p => new Claim(Permissions.ClaimType, p)));
        if (extraClaims is not null)
        {
            claims.AddRange(extraClaims);
        }
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Value.Issuer,
            Audience = settings.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        };
        return (new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }
}
