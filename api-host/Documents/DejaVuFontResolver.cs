using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace OrderActors.ApiHost.Documents;

/// <summary>
/// PDFsharp finds no system fonts on Linux, so every family resolves to DejaVu Sans, which ships inside this assembly
/// (Documents/Fonts, Bitstream Vera licence: LICENSE-DejaVu.txt). Italic is simulated; no italic face is bundled.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly object Gate = new();
    private static readonly DejaVuFontResolver Instance = new();
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    /// <summary>Installs the resolver once per process; PDFsharp allows only one, set before the first font is used.</summary>
    public static void EnsureInstalled()
    {
        if (GlobalFontSettings.FontResolver == Instance)
        {
            return;
        }
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver != Instance)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, static face =>
    {
        using var stream = typeof(DejaVuFontResolver).Assembly.GetManifestResourceStream($"Fonts/{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face}.ttf is not embedded in the api-host.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
