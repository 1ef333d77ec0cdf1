using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OrderActors.Identity;

namespace OrderActors.ApiHost.Security;

/// <summary>
/// The symmetric key that signs and validates access tokens: <c>OrderActors:Jwt:SigningKey</c> when configured,
/// otherwise generated once per installation and kept in the shared database, so every api-host of a cluster
/// validates the tokens of every other.
/// </summary>
public sealed class SigningKeyProvider(IOptions<JwtSettings> settings, InstallationSecrets secrets)
{
    public const string SecretName = "jwt-signing-key";

    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key => _key ?? LoadAsync().GetAwaiter().GetResult();

    public async Task<SymmetricSecurityKey> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (_key is not null)
        {
            return _key;
        }
        var configured = settings.Value.SigningKey;
        var encoded = string.IsNullOrWhiteSpace(configured)
            ? await secrets.GetOrCreateAsync(SecretName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), cancellationToken)
            : configured;
        var bytes = Convert.FromBase64String(encoded);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("OrderActors:Jwt:SigningKey must be at least 32 bytes (Base64).");
        }
        return _key = new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
    }
}
