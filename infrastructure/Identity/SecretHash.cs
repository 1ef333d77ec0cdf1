using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace OrderActors.Identity;

/// <summary>
/// High-entropy secrets (refresh tokens, API keys, one-time tokens) are stored only as their SHA-256:
/// with 256 random bits a slow hash adds nothing, and lookup by hash stays an index seek.
/// </summary>
public static class SecretHash
{
    public static string NewSecret(int bytes = 32) => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));

    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewId() => Guid.NewGuid().ToString("N");
}
