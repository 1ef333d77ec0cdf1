using System.Security.Cryptography;
using System.Text;
using OrderActors.Orders;

namespace OrderActors.Grains.Orders.Duplicates;

/// <summary>Normalized forms used to compare orders across platforms (which format phones and emails differently).</summary>
public static class ContactKeys
{
    // Platforms send "+60 12-345 6789", "0123456789" or "60123456789" for one number; the last nine digits agree.
    private const int PhoneDigits = 9;

    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= PhoneDigits ? digits[^PhoneDigits..] : null;
    }

    public static string? Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
        {
            return null;
        }
        var at = email.Trim().ToLowerInvariant().Split('@', 2);
        var local = at[0].Split('+', 2)[0];
        return local.Length == 0 ? null : $"{local}@{at[1]}";
    }

    /// <summary>The same multiset of SKUs and quantities gives the same signature, whatever the item order.</summary>
    public static string ItemSignature(IEnumerable<OrderItem> items)
    {
        var text = string.Join('|', items
            .GroupBy(i => i.Sku.Trim().ToUpperInvariant())
            .Select(g => $"{g.Key}x{g.Sum(i => i.Quantity)}")
            .Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 10));
    }
}
