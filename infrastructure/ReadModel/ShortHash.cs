using System.Security.Cryptography;
using System.Text;

namespace OrderActors.ReadModel;

/// <summary>A 16-hex-digit fingerprint, used to skip rewriting child rows whose content did not change.</summary>
internal static class ShortHash
{
    public static string Of(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
}
