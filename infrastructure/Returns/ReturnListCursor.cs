using System.Globalization;
using System.Text;

namespace OrderActors.Returns;

/// <summary>The keyset position after the last row of a page (its creation time and id), as an opaque URL-safe string.</summary>
public sealed record ReturnListCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public string Encode()
    {
        var text = $"r|{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{Id:N}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string? value, out ReturnListCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || value.Length > 100)
        {
            return false;
        }
        try
        {
            var base64 = value.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('|');
            if (parts.Length == 3 && parts[0] == "r"
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(parts[2], "N", out var id))
            {
                cursor = new ReturnListCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
