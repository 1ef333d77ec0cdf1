using System.Globalization;
using System.Text;

namespace OrderActors.ApiHost.Apis.Returns;

/// <summary>
/// Code 128, code set B (printable ASCII 32-126): start B, one symbol per character, a modulo-103 checksum
/// weighted by position, and the stop pattern. Each symbol is three bars and three spaces, 11 modules wide.
/// </summary>
public static class Code128
{
    public const int StartB = 104;
    public const int Stop = 106;

    /// <summary>Bar and space widths in modules for symbol values 0-106, bar first.</summary>
    public static readonly IReadOnlyList<string> Widths =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    /// <summary>The symbol values: start B, the characters, the checksum, stop.</summary>
    public static IReadOnlyList<int> Symbols(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var symbols = new List<int>(text.Length + 3) { StartB };
        var sum = StartB;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"Code 128 B cannot encode '{c}' (position {i}).", nameof(text));
            }
            var value = c - ' ';
            symbols.Add(value);
            sum += value * (i + 1);
        }
        symbols.Add(sum % 103);
        symbols.Add(Stop);
        return symbols;
    }

    /// <summary>The modules as '1' (bar) and '0' (space), without quiet zones.</summary>
    public static string Modules(string text)
    {
        var modules = new StringBuilder();
        foreach (var symbol in Symbols(text))
        {
            var bar = true;
            foreach (var width in Widths[symbol])
            {
                modules.Append(bar ? '1' : '0', width - '0');
                bar = !bar;
            }
        }
        return modules.ToString();
    }

    /// <summary>An SVG of the barcode: one rect per bar, a 10-module quiet zone each side, the text below.</summary>
    public static string Svg(string text, int moduleWidth = 2, int height = 60)
    {
        var modules = Modules(text);
        const int quiet = 10;
        var width = (modules.Length + 2 * quiet) * moduleWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + 16}\" viewBox=\"0 0 {width} {height + 16}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(text)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height + 16}\" fill=\"#fff\"/>");
        for (var i = 0; i < modules.Length;)
        {
            if (modules[i] == '0')
            {
                i++;
                continue;
            }
            var start = i;
            while (i < modules.Length && modules[i] == '1')
            {
                i++;
            }
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{(quiet + start) * moduleWidth}\" y=\"0\" width=\"{(i - start) * moduleWidth}\" height=\"{height}\" fill=\"#000\"/>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"{height + 13}\" font-family=\"monospace\" font-size=\"12\" text-anchor=\"middle\">{System.Net.WebUtility.HtmlEncode(text)}</text>");
        return svg.Append("</svg>").ToString();
    }
}
