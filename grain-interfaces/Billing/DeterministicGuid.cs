using System.Security.Cryptography;
using System.Text;

namespace OrderActors.Billing;

/// <summary>A name-based Guid (SHA-256, version 8) for ids that must be the same on every retry.</summary>
public static class DeterministicGuid
{
    public static Guid From(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16].ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
