using System.Security.Cryptography;
using System.Text;

namespace OrderActors.Orders;

/// <summary>
/// The id of an order is derived from its platform, account and platform order id, so the same order
/// arriving by webhook and by polling always lands in the same grain.
/// </summary>
public static class OrderId
{
    public static Guid For(SourcePlatform platform, string accountId, string platformOrderId)
    {
        // Length-prefixed parts, so no choice of characters in the ids can make two different triples collide.
        var text = $"{platform}|{accountId.Length}:{accountId}|{platformOrderId.Length}:{platformOrderId}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var bytes = hash[..16].ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (name-based, custom hash)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
