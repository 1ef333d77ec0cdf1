using System.Globalization;
using System.Net;
using System.Text;
using OrderActors.Billing;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis.Billing;

/// <summary>Printable HTML invoices, receipts and credit notes (the same documents as PDF: <see cref="InvoicePdf"/>).</summary>
public static class InvoiceDocument
{
    public static string Money(decimal amount, string currency) =>
        amount.ToString("N" + Currency.DecimalsOf(currency), CultureInfo.InvariantCulture) + " " + currency;

    public static string RenderInvoice(InvoiceDetails invoice)
    {
        var html = Start($"Invoice {invoice.Number}");
        html.Append("<h1>").Append(invoice.Status == InvoiceStatus.Voided ? "VOID - " : "").Append("Invoice ").Append(E(invoice.Number)).Append("</h1>");
        html.Append("<p>Issued ").Append(invoice.IssuedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(" &middot; Store ").Append(E(invoice.StoreId)).Append(" &middot; Order ").Append(E(invoice.PlatformOrderId ?? invoice.OrderId.ToString())).Append("</p>");
        html.Append("<p>Bill to: ").Append(E(invoice.CustomerName)).Append("</p>");
        if (invoice.VoidReason is { } reason)
        {
            html.Append("<p class=void>Voided: ").Append(E(reason)).Append("</p>");
        }
        AppendLines(html, invoice);
        AppendTotals(html, invoice);
        if (invoice.CreditNotes.Count > 0)
        {
            html.Append("<h2>Credit notes</h2><table><tr><th>Number</th><th>Reason</th><th class=n>Amount</th></tr>");
            foreach (var note in invoice.CreditNotes)
            {
                html.Append("<tr><td>").Append(E(note.Number)).Append("</td><td>").Append(E(note.Reason)).Append("</td><td class=n>-")
                    .Append(Money(note.Amount, invoice.Currency)).Append("</td></tr>");
            }
            html.Append("</table>");
        }
        AppendPayments(html, invoice);
        html.Append("<p>Prices ").Append(invoice.PricesIncludeTax ? "include" : "exclude").Append(" tax.</p>");
        return End(html);
    }

    public static string RenderReceipt(InvoiceDetails invoice)
    {
        var html = Start($"Receipt {invoice.Number}");
        html.Append("<h1>Receipt</h1><p>").Append(E(invoice.Number)).Append(" &middot; ")
            .Append(invoice.IssuedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</p>");
        AppendLines(html, invoice);
        AppendTotals(html, invoice);
        AppendPayments(html, invoice);
        html.Append("<p>Thank you.</p>");
        return End(html);
    }

    public static string RenderCreditNote(InvoiceDetails invoice, CreditNote note)
    {
        var html = Start($"Credit note {note.Number}");
        html.Append("<h1>Credit note ").Append(E(note.Number)).Append("</h1>")
            .Append("<p>For invoice ").Append(E(invoice.Number)).Append(" &middot; Store ").Append(E(invoice.StoreId)).Append("</p>")
            .Append("<p>Issued ").Append(note.At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(" &middot; Customer: ").Append(E(invoice.CustomerName)).Append("</p><table class=totals>")
            .Append("<tr><td>Reason</td><td>").Append(E(note.Reason)).Append("</td></tr>")
            .Append("<tr><td>Refund method</td><td>").Append(note.RefundMethod).Append("</td></tr>")
            .Append("<tr><th>Credited</th><th class=n>").Append(Money(note.Amount, invoice.Currency)).Append("</th></tr>")
            .Append("<tr><td>Refunded</td><td class=n>").Append(Money(note.RefundedAmount, invoice.Currency)).Append("</td></tr>")
            .Append("<tr><td>Invoice total</td><td class=n>").Append(Money(invoice.Totals.Gross, invoice.Currency)).Append("</td></tr></table>");
        return End(html);
    }

    private static void AppendLines(StringBuilder html, InvoiceDetails invoice)
    {
        html.Append("<table><tr><th>SKU</th><th>Item</th><th class=n>Qty</th><th class=n>Unit</th><th class=n>Tax %</th><th class=n>Net</th><th class=n>Tax</th><th class=n>Total</th></tr>");
        foreach (var line in invoice.Lines)
        {
            html.Append("<tr><td>").Append(E(line.Sku)).Append("</td><td>").Append(E(line.Description)).Append("</td><td class=n>").Append(line.Quantity)
                .Append("</td><td class=n>").Append(Money(line.UnitPrice, invoice.Currency))
                .Append("</td><td class=n>").Append((line.TaxRate * 100).ToString("0.##", CultureInfo.InvariantCulture))
                .Append("</td><td class=n>").Append(Money(line.Net, invoice.Currency))
                .Append("</td><td class=n>").Append(Money(line.Tax, invoice.Currency))
                .Append("</td><td class=n>").Append(Money(line.Gross, invoice.Currency)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void AppendTotals(StringBuilder html, InvoiceDetails invoice)
    {
        html.Append("<table class=totals>")
            .Append("<tr><td>Net</td><td class=n>").Append(Money(invoice.Totals.Net, invoice.Currency)).Append("</td></tr>")
            .Append("<tr><td>Tax</td><td class=n>").Append(Money(invoice.Totals.Tax, invoice.Currency)).Append("</td></tr>")
            .Append("<tr><th>Total</th><th class=n>").Append(Money(invoice.Totals.Gross, invoice.Currency)).Append("</th></tr>")
            .Append("<tr><td>Paid</td><td class=n>").Append(Money(invoice.Paid, invoice.Currency)).Append("</td></tr>")
            .Append("<tr><th>Balance due</th><th class=n>").Append(Money(invoice.BalanceDue, invoice.Currency)).Append("</th></tr></table>");
    }

    private static void AppendPayments(StringBuilder html, InvoiceDetails invoice)
    {
        if (invoice.Payments.Count == 0)
        {
            return;
        }
        html.Append("<h2>Payments</h2><table><tr><th>Method</th><th>Reference</th><th class=n>Amount</th><th class=n>Tendered</th><th class=n>Change</th></tr>");
        foreach (var p in invoice.Payments)
        {
            html.Append("<tr><td>").Append(p.Method).Append("</td><td>").Append(E(p.Reference ?? "")).Append("</td><td class=n>").Append(Money(p.Amount, invoice.Currency))
                .Append("</td><td class=n>").Append(p.Tendered is { } t ? Money(t, invoice.Currency) : "").Append("</td><td class=n>")
                .Append(p.Change > 0 ? Money(p.Change, invoice.Currency) : "").Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static StringBuilder Start(string title) => new StringBuilder()
        .Append("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>").Append(E(title)).Append("</title><style>")
        .Append("body{font-family:sans-serif;max-width:48rem;margin:1rem auto}table{border-collapse:collapse;width:100%;margin:.5rem 0}")
        .Append("td,th{border-bottom:1px solid #ccc;padding:.25rem;text-align:left}.n{text-align:right}.totals{width:50%;margin-left:50%}")
        .Append(".void{color:#b00;font-weight:bold}@media print{body{margin:0}}</style></head><body>");

    private static string End(StringBuilder html) => html.Append("</body></html>").ToString();

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
