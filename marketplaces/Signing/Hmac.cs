using System.Security.Cryptography;
using System.Text;

namespace OrderActors.Marketplaces.Signing;

/// <summary>HMAC-SHA256 helpers shared by the platform signers: hex in either case, Base64, constant-time checks.</summary>
public static class Hmac
{
    public static byte[] Sha256(string key, ReadOnlySpan<byte> message) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message);

    public static byte[] Sha256(string key, string message) => Sha256(key, Encoding.UTF8.GetBytes(message));

    public static string LowerHex(byte[] mac) => Convert.ToHexStringLower(mac);

    public static string UpperHex(byte[] mac) => Convert.ToHexString(mac);

    /// <summary>Message = prefix bytes followed by the body bytes exactly as received.</summary>
    public static byte[] Concat(string prefix, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes(prefix);
        var all = new byte[head.Length + body.Length];
        head.CopyTo(all, 0);
        body.CopyTo(all.AsSpan(head.Length));
        return all;
    }

    /// <summary>Compares a received hex signature with the expected MAC in constant time; the hex case must match the platform's.</summary>
    public static bool HexEquals(byte[] expectedMac, string? received, bool upperCase)
    {
        if (received is null)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(upperCase ? UpperHex(expectedMac) : LowerHex(expectedMac));
        var actual = Encoding.ASCII.GetBytes(received.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Compares a received Base64 signature with the expected MAC on the decoded bytes, in constant time.</summary>
    public static bool Base64Equals(byte[] expectedMac, string? received)
    {
        if (string.IsNullOrWhiteSpace(received))
        {
            return false;
        }
        var buffer = new byte[received.Length];
        return Convert.TryFromBase64String(received.Trim(), buffer, out var written)
            && CryptographicOperations.FixedTimeEquals(expectedMac, buffer.AsSpan(0, written));
    }
}
