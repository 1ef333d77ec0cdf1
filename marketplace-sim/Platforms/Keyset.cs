using System.Globalization;
using System.Text;

namespace OrderActors.MarketplaceSim.Platforms;

/// <summary>
/// Opaque cursors over (update time, id): a page resumes strictly after the last row it returned, so an order that
/// changes during paging moves past the end instead of shifting the rows that follow (as offset paging would).
/// </summary>
public static class Keyset
{
    public static IReadOnlyList<T> Page<T>(IReadOnlyList<T> sorted, Func<T, (long Time, string Id)> key, string? cursor, int size, out string? next)
    {
        var rows = sorted.AsEnumerable();
        if (Decode(cursor) is { } after)
        {
            rows = rows.Where(r => key(r) is var k && (k.Time > after.Time || (k.Time == after.Time && string.CompareOrdinal(k.Id, after.Id) > 0)));
        }
        var list = rows.Take(size + 1).ToList();
        var page = list.Take(size).ToList();
        next = list.Count > size ? Encode(key(page[^1])) : null;
        return page;
    }

    private static string Encode((long Time, string Id) k) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{k.Time.ToString(CultureInfo.InvariantCulture)}|{k.Id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (long Time, string Id)? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        var b64 = cursor.Replace('-', '+').Replace('_', '/');
        b64 += new string('=', (4 - b64.Length % 4) % 4);
        var parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('|', 2);
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]);
    }
}
