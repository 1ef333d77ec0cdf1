using System.Text.RegularExpressions;

namespace OrderActors.Files;

public static partial class FileStorageKey
{
    /// <summary>Segments of letters, digits, '-', '_' and one '.', separated by '/': no "..", no absolute paths.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)?(/[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)?)*$")]
    private static partial Regex Pattern();

    public static bool IsSafe(string key) => key.Length <= 300 && Pattern().IsMatch(key);

    public static string Require(string key) =>
        IsSafe(key) ? key : throw new ArgumentException($"'{key}' is not a safe storage key.", nameof(key));
}
