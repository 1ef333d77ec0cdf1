using System.Text;
using OrderActors.Grains.Orders.Duplicates;
using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>
/// Terms for free-text search over order id, platform order id, customer and SKUs: lower-case runs of letters and
/// digits. Each value is indexed whole (punctuation removed) and by its words, and a query word matches a term it
/// is a prefix of, so "TEE-RED", "tee red" and "teered" all find SKU TEE-RED-M. Terms that are prefixes of other terms
/// of the same order are left out (the longer term matches every query word they would).
/// </summary>
public static class SearchTerms
{
    public const int MaxTermLength = 64;
    public const int MinQueryWordLength = 2;
    public const int MaxQueryWords = 5;

    public static IReadOnlyList<string> For(OrderDetails order)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        AddWhole(terms, order.Id.ToString("N"));
        AddValue(terms, order.PlatformOrderId);
        AddValue(terms, order.Customer.Name);
        if (ContactKeys.Email(order.Customer.Email) is { } email)
        {
            AddWhole(terms, Compact(email));
            AddWhole(terms, Compact(email.Split('@')[0]));
        }
        if (order.Customer.Phone is { } phone)
        {
            AddWhole(terms, Compact(phone));
            if (ContactKeys.Phone(phone) is { } key)
            {
                // International and national spellings of one number: 60123456789, 0123456789, 123456789.
                AddWhole(terms, key);
                AddWhole(terms, "0" + key);
            }
        }
        foreach (var item in order.Items)
        {
            AddValue(terms, item.Sku);
        }
        // A term that is a prefix of another term of the order finds nothing the longer one does not (every query word
        // is matched as a prefix), so only the longest of such chains is stored: fewer rows, narrower prefix ranges.
        // Sorted, a term's extensions follow it directly, so comparing neighbours is enough.
        var sorted = terms.Order(StringComparer.Ordinal).ToList();
        return sorted.Where((t, i) => i + 1 == sorted.Count || !sorted[i + 1].StartsWith(t, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The normalized words of a query, each to be matched as a term prefix; empty when nothing is searchable.</summary>
    public static IReadOnlyList<string> ForQuery(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }
        // A phone number is typed with spaces and dashes; it is one word, not several.
        var words = query.All(c => char.IsAsciiDigit(c) || " +-().".Contains(c))
            ? new[] { Compact(query) }
            : query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Compact);
        return words
            .Where(w => w.Length >= MinQueryWordLength)
            .Select(w => w.Length > MaxTermLength ? w[..MaxTermLength] : w)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxQueryWords)
            .ToList();
    }

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>.</summary>
    public static string UpperBound(string prefix) =>
        prefix[..^1] + (char)(prefix[^1] + 1);

    private static void AddValue(HashSet<string> terms, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        AddWhole(terms, Compact(value));
        foreach (var word in Words(value))
        {
            AddWhole(terms, word);
        }
    }

    private static void AddWhole(HashSet<string> terms, string term)
    {
        if (term.Length >= MinQueryWordLength)
        {
            terms.Add(term.Length > MaxTermLength ? term[..MaxTermLength] : term);
        }
    }

    private static IEnumerable<string> Words(string value)
    {
        var word = new StringBuilder();
        foreach (var c in value.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static string Compact(string value) =>
        new(value.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
