using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrderActors.EndToEndTests.Infrastructure;

/// <summary>
/// Access tokens for api-host processes started with <see cref="SigningKey"/> in <c>OrderActors__Jwt__SigningKey</c>:
/// HS256, issuer "orderactors", audience "orderactors-api", permissions in <c>perm</c> claims.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "orderactors";
    public const string Audience = "orderactors-api";

    public static string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Create(params string[] permissions)
    {
        var key = Convert.FromBase64String(SigningKey);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "e2e-user",
                ["name"] = "End-to-end Test",
                ["perm"] = permissions,
            },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
