using System.Globalization;
using System.Net;
using System.Text;
using OrderActors.Returns;

namespace OrderActors.ApiHost.Apis.Returns;

/// <summary>The printable HTML return label of a mail return: tracking number and RMA as Code 128 barcodes.</summary>
public static class ReturnLabelDocument
{
    public static string Render(ReturnDetails r, string returnAddress)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Return label ").Append(E(r.RmaNumber)).Append("</title><style>")
            .Append("body{font-family:sans-serif;margin:1rem}.label{border:2px solid #000;padding:1rem;width:30rem}")
            .Append("h1{font-size:1.4rem;margin:0 0 .5rem}.to{font-size:1.1rem;margin:.5rem 0 1rem}@media print{body{margin:0}}</style></head><body><div class=label>")
            .Append("<h1>RETURN &middot; ").Append(E(r.RmaNumber)).Append("</h1>")
            .Append("<div class=to><strong>Ship to:</strong><br>").Append(E(returnAddress).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</div>")
            .Append("<p>Tracking number</p>").Append(Code128.Svg(r.TrackingNumber ?? ""))
            .Append("<p>RMA</p>").Append(Code128.Svg(r.RmaNumber, moduleWidth: 1, height: 40))
            .Append("<p>Items: ");
        html.Append(string.Join(", ", r.Items.Select(i => $"{E(i.Sku)} &times; {i.Quantity}")));
        html.Append("</p><p>Issued ").Append(r.UpdatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</p></div></body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
