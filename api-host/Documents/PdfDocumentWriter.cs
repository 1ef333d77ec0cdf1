using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OrderActors.ApiHost.Documents;

/// <summary>
/// Writes a simple flowing PDF (headings, text lines, tables, Code 128 barcodes) top to bottom, starting a new page
/// when the current one is full. Text that does not fit its cell is shortened with an ellipsis.
/// </summary>
public sealed class PdfDocumentWriter : IDisposable
{
    private readonly PdfDocument _document = new();
    private readonly XSize _pageSize;
    private readonly double _margin;
    private readonly XFont _text;
    private readonly XFont _bold;
    private readonly XFont _heading;
    private readonly XFont _cell;
    private readonly XFont _cellBold;
    private XGraphics _graphics = null!;
    private double _y;

    public PdfDocumentWriter(string title, XSize pageSize, double margin = 40)
    {
        DejaVuFontResolver.EnsureInstalled();
        _pageSize = pageSize;
        _margin = margin;
        _document.Info.Title = title;
        _document.Info.Creator = "OrderActors";
        _text = new XFont(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Regular);
        _bold = new XFont(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Bold);
        _heading = new XFont(DejaVuFontResolver.Family, 16, XFontStyleEx.Bold);
        _cell = new XFont(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Regular);
        _cellBold = new XFont(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Bold);
        NewPage();
    }

    public static XSize A4 => new(595.28, 841.89);

    /// <summary>A 4 × 6 inch shipping label.</summary>
    public static XSize Label => new(288, 432);

    private double Width => _pageSize.Width - 2 * _margin;

    public void Heading(string text)
    {
        EnsureRoom(_heading.Height + 6);
        _graphics.DrawString(Fit(text, _heading, Width), _heading, XBrushes.Black, new XRect(_margin, _y, Width, _heading.Height), XStringFormats.TopLeft);
        _y += _heading.Height + 6;
    }

    public void Line(string text, bool bold = false)
    {
        var font = bold ? _bold : _text;
        EnsureRoom(font.Height + 2);
        _graphics.DrawString(Fit(text, font, Width), font, XBrushes.Black, new XRect(_margin, _y, Width, font.Height), XStringFormats.TopLeft);
        _y += font.Height + 2;
    }

    public void Space(double points = 8) => _y += points;

    /// <summary>A table with a bold heading row; the heading is repeated on a new page.</summary>
    public void Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string>> rows, double share = 1)
    {
        var total = columns.Sum(c => c.Share);
        var widths = columns.Select(c => Width * share * c.Share / total).ToArray();
        var left = _margin + Width * (1 - share);
        EnsureRoom(2 * _cell.Height + 8);
        Row(columns.Select(c => c.Heading).ToList(), columns, widths, left, _cellBold, rule: true);
        foreach (var row in rows)
        {
            if (_y + _cell.Height + 4 > _pageSize.Height - _margin)
            {
                NewPage();
                Row(columns.Select(c => c.Heading).ToList(), columns, widths, left, _cellBold, rule: true);
            }
            Row(row, columns, widths, left, _cell, rule: false);
        }
        _y += 4;
    }

    /// <summary>A Code 128 barcode drawn as filled bars (modules '1'), with a 10-module quiet zone and the text below.</summary>
    public void Barcode(string modules, string text, double height)
    {
        const int quiet = 10;
        var module = Math.Min(1.5, Width / (modules.Length + 2 * quiet));
        EnsureRoom(height + _text.Height + 6);
        var x0 = _margin + quiet * module;
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
            _graphics.DrawRectangle(XBrushes.Black, x0 + start * module, _y, (i - start) * module, height);
        }
        _y += height + 2;
        var barcodeWidth = (modules.Length + 2 * quiet) * module;
        _graphics.DrawString(text, _text, XBrushes.Black, new XRect(_margin, _y, barcodeWidth, _text.Height), XStringFormats.TopCenter);
        _y += _text.Height + 4;
    }

    public void Frame() =>
        _graphics.DrawRectangle(new XPen(XColors.Black, 1.5), _margin / 2, _margin / 2, _pageSize.Width - _margin, _pageSize.Height - _margin);

    public byte[] ToArray()
    {
        _graphics.Dispose();
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _graphics.Dispose();
        _document.Dispose();
    }

    private void Row(IReadOnlyList<string> cells, IReadOnlyList<PdfColumn> columns, double[] widths, double left, XFont font, bool rule)
    {
        var x = left;
        for (var i = 0; i < columns.Count; i++)
        {
            var cell = i < cells.Count ? cells[i] : "";
            var rect = new XRect(x + 2, _y, widths[i] - 4, font.Height);
            _graphics.DrawString(Fit(cell, font, rect.Width), font, XBrushes.Black, rect, columns[i].AlignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);
            x += widths[i];
        }
        _y += font.Height + 2;
        if (rule)
        {
            _graphics.DrawLine(XPens.Gray, left, _y, left + widths.Sum(), _y);
            _y += 2;
        }
    }

    private string Fit(string text, XFont font, double width)
    {
        if (_graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }
        var end = text.Length;
        while (end > 0 && _graphics.MeasureString(text[..end] + "…", font).Width > width)
        {
            end--;
        }
        return text[..end] + "…";
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > _pageSize.Height - _margin)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(_pageSize.Width);
        page.Height = XUnit.FromPoint(_pageSize.Height);
        _graphics = XGraphics.FromPdfPage(page);
        _y = _margin;
    }
}
