using System.Globalization;
using OrderActors.ApiHost.Documents;
using OrderActors.Billing;

namespace OrderActors.ApiHost.Apis.Billing;

/// <summary>PDF invoices, receipts and credit notes; amounts use each currency's minor unit (IDR and VND: none).</summary>
public static class InvoicePdf
{
    private static readonly PdfColumn[] LineColumns =
    [
        new("SKU", 1.2), new("Item", 2.1), new("Qty", 0.5, true), new("Unit", 1.5, true), new("Tax %", 0.7, true),
        new("Net", 1.5, true), new("Tax", 1.5, true), new("Total", 1.6, true),
    ];

    private static readonly PdfColumn[] TotalColumns = [new("Totals", 1), new("", 1, true)];

    public static byte[] RenderInvoice(InvoiceDetails invoice)
    {
        using var pdf = new PdfDocumentWriter($"Invoice {invoice.Number}", PdfDocumentWriter.A4);
        pdf.Heading((invoice.Status == InvoiceStatus.Voided ? "VOID - " : "") + $"Invoice {invoice.Number}");
        pdf.Line($"Issued {Date(invoice.IssuedAt)} · Store {invoice.StoreId} · Order {invoice.PlatformOrderId ?? invoice.OrderId.ToString()}");
        pdf.Line($"Bill to: {invoice.CustomerName}");
        if (invoice.VoidReason is { } reason)
        {
            pdf.Line($"Voided: {reason}", bold: true);
        }
        pdf.Space();
        Lines(pdf, invoice);
        Totals(pdf, invoice);
        if (invoice.CreditNotes.Count > 0)
        {
            pdf.Line("Credit notes", bold: true);
            pdf.Table([new("Number", 2), new("Reason", 3), new("Amount", 1.5, true)],
                invoice.CreditNotes.Select(n => new[] { n.Number, n.Reason, "-" + InvoiceDocument.Money(n.Amount, invoice.Currency) }));
        }
        Payments(pdf, invoice);
        pdf.Line($"Prices {(invoice.PricesIncludeTax ? "include" : "exclude")} tax.");
        return pdf.ToArray();
    }

    public static byte[] RenderReceipt(InvoiceDetails invoice)
    {
        using var pdf = new PdfDocumentWriter($"Receipt {invoice.Number}", PdfDocumentWriter.A4);
        pdf.Heading("Receipt");
        pdf.Line($"{invoice.Number} · {Date(invoice.IssuedAt)} · Store {invoice.StoreId}");
        pdf.Space();
        Lines(pdf, invoice);
        Totals(pdf, invoice);
        Payments(pdf, invoice);
        pdf.Line("Thank you.");
        return pdf.ToArray();
    }

    public static byte[] RenderCreditNote(InvoiceDetails invoice, CreditNote note)
    {
        using var pdf = new PdfDocumentWriter($"Credit note {note.Number}", PdfDocumentWriter.A4);
        pdf.Heading($"Credit note {note.Number}");
        pdf.Line($"For invoice {invoice.Number} of {Date(invoice.IssuedAt)} · Store {invoice.StoreId}");
        pdf.Line($"Issued {Date(note.At)} · Customer: {invoice.CustomerName}");
        pdf.Space();
        pdf.Table(TotalColumns,
        [
            ["Reason", note.Reason],
            ["Refund method", note.RefundMethod.ToString()],
            ["Credited", InvoiceDocument.Money(note.Amount, invoice.Currency)],
            ["Refunded", InvoiceDocument.Money(note.RefundedAmount, invoice.Currency)],
            ["Invoice total", InvoiceDocument.Money(invoice.Totals.Gross, invoice.Currency)],
        ]);
        return pdf.ToArray();
    }

    private static void Lines(PdfDocumentWriter pdf, InvoiceDetails invoice) =>
        pdf.Table(LineColumns, invoice.Lines.Select(line => new[]
        {
            line.Sku, line.Description, line.Quantity.ToString(CultureInfo.InvariantCulture), InvoiceDocument.Money(line.UnitPrice, invoice.Currency),
            (line.TaxRate * 100).ToString("0.##", CultureInfo.InvariantCulture), InvoiceDocument.Money(line.Net, invoice.Currency),
            InvoiceDocument.Money(line.Tax, invoice.Currency), InvoiceDocument.Money(line.Gross, invoice.Currency),
        }));

    private static void Totals(PdfDocumentWriter pdf, InvoiceDetails invoice) =>
        pdf.Table(TotalColumns,
        [
            ["Net", InvoiceDocument.Money(invoice.Totals.Net, invoice.Currency)],
            ["Tax", InvoiceDocument.Money(invoice.Totals.Tax, invoice.Currency)],
            ["Total", InvoiceDocument.Money(invoice.Totals.Gross, invoice.Currency)],
            ["Paid", InvoiceDocument.Money(invoice.Paid, invoice.Currency)],
            ["Balance due", InvoiceDocument.Money(invoice.BalanceDue, invoice.Currency)],
        ], share: 0.5);

    private static void Payments(PdfDocumentWriter pdf, InvoiceDetails invoice)
    {
        if (invoice.Payments.Count == 0)
        {
            return;
        }
        pdf.Line("Payments", bold: true);
        pdf.Table([new("Method", 1.5), new("Reference", 2), new("Amount", 1.5, true), new("Tendered", 1.5, true), new("Change", 1.5, true)],
            invoice.Payments.Select(p => new[]
            {
                p.Method.ToString(), p.Reference ?? "", InvoiceDocument.Money(p.Amount, invoice.Currency),
                p.Tendered is { } t ? InvoiceDocument.Money(t, invoice.Currency) : "", p.Change > 0 ? InvoiceDocument.Money(p.Change, invoice.Currency) : "",
            }));
    }

    private static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
