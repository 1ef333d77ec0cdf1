using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace OrderActors.ApiHost.Security;

/// <summary>The symmetric key that signs and validates access tokens.</summary>
public sealed class SigningKeyProvider(IOptions<JwtSettings> settings)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() =>
    {
        var configured = settings.Value.SigningKey;
        var bytes = string.IsNullOrWhiteSpace(configured) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(configured);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("OrderActors:Jwt:SigningKey must be at least 32 bytes (Base64).");
        }
        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
    });

    public SymmetricSecurityKey Key => _key.Value;
}
