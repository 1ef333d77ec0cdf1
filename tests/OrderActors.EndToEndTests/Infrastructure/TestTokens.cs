using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrderActors.EndToEndTests.Infrastructure;

/// <summary>Access tokens for a real api-host started with <see cref="SigningKey"/> as <c>OrderActors__Jwt__SigningKey</c>.</summary>
public static class TestTokens
{
    public static string SigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static string Mint(params string[] permissions) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "orderactors",
            Audience = "orderactors-api",
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "e2e-tester",
                ["name"] = "End-to-end tester",
                ["perm"] = permissions,
            },
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
}
