using System.Globalization;
using OrderActors.ApiHost.Documents;
using OrderActors.Returns;

namespace OrderActors.ApiHost.Apis.Returns;

/// <summary>The mail-return label as a 4 × 6 inch PDF: tracking number and RMA as Code 128 bars, the return address.</summary>
public static class ReturnLabelPdf
{
    public static byte[] Render(ReturnDetails r, string returnAddress)
    {
        using var pdf = new PdfDocumentWriter($"Return label {r.RmaNumber}", PdfDocumentWriter.Label, margin: 20);
        pdf.Frame();
        pdf.Heading($"RETURN · {r.RmaNumber}");
        pdf.Line("Ship to:", bold: true);
        foreach (var line in returnAddress.Split('\n'))
        {
            pdf.Line(line.TrimEnd('\r'));
        }
        pdf.Space();
        pdf.Line("Tracking number");
        pdf.Barcode(Code128.Modules(r.TrackingNumber ?? ""), r.TrackingNumber ?? "", height: 60);
        pdf.Line("RMA");
        pdf.Barcode(Code128.Modules(r.RmaNumber), r.RmaNumber, height: 36);
        pdf.Line("Items: " + string.Join(", ", r.Items.Select(i => $"{i.Sku} × {i.Quantity}")));
        pdf.Line($"Issued {r.UpdatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        return pdf.ToArray();
    }
}
