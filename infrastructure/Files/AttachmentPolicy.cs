namespace OrderActors.Files;

/// <summary>
/// What an uploaded photo must be: an allowed image type whose first bytes match it, within the size limit, with a
/// plain file name (no path parts, no "..", no control characters). The name is only displayed, never used as a path.
/// </summary>
public static class AttachmentPolicy
{
    public const int MaxFileNameLength = 120;

    private static readonly Dictionary<string, (string Extension, byte[][] Signatures)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = (".jpg", [[0xFF, 0xD8, 0xFF]]),
        ["image/png"] = (".png", [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]]),
        ["image/webp"] = (".webp", [[0x52, 0x49, 0x46, 0x46]]),
    };

    public static IReadOnlyCollection<string> AllowedContentTypes => Types.Keys;

    public static string ExtensionOf(string contentType) => Types[contentType].Extension;

    public static bool IsAllowedType(string? contentType) => contentType is not null && Types.ContainsKey(contentType);

    /// <summary>True when <paramref name="head"/> starts like a file of <paramref name="contentType"/>.</summary>
    public static bool MatchesSignature(string contentType, ReadOnlySpan<byte> head)
    {
        foreach (var signature in Types[contentType].Signatures)
        {
            if (head.StartsWith(signature))
            {
                return contentType != "image/webp" || (head.Length >= 12 && head[8..12].SequenceEqual("WEBP"u8));
            }
        }
        return false;
    }

    public static string? FileNameProblem(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "A file name is required.";
        }
        if (fileName.Length > MaxFileNameLength)
        {
            return $"The file name is at most {MaxFileNameLength} characters.";
        }
        if (fileName.Contains('/') || fileName.Contains('\\') || fileName.Contains("..", StringComparison.Ordinal) || fileName.Contains(':')
            || fileName.StartsWith('.') || fileName.Any(char.IsControl))
        {
            return "The file name must be a plain name: no path separators, '..', ':', leading dot or control characters.";
        }
        return null;
    }
}
