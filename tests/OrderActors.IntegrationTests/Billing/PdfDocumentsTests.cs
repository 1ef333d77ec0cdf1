using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Apis.Returns;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Returns;
using UglyToad.PdfPig;

namespace OrderActors.IntegrationTests.Billing;

/// <summary>Invoice, receipt, credit note and return label as PDF, read back with a PDF parser.</summary>
public sealed class PdfDocumentsTests(ReturnsApiFactory factory) : IClassFixture<ReturnsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(
        Permissions.PosUse, Permissions.BillingRead, Permissions.BillingWrite, Permissions.ReturnsWrite, Permissions.ReturnsApprove);

    [Theory]
    [InlineData("VND", 123457)]
    [InlineData("IDR", 55500)]
    public async Task An_invoice_pdf_shows_its_number_lines_and_totals_without_minor_units(string currency, decimal unitPrice)
    {
        var orderId = await CreatePosOrderAsync(currency, unitPrice, "Linen shirt, navy");
        var invoice = await IssueInvoiceAsync(orderId);
        var id = invoice.GetProperty("id").GetGuid();
        var paid = await _client.PostAsJsonAsync($"/api/invoices/{id}/payments", new { method = "Card", amount = 1000m, reference = "AUTH-PDF" });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        invoice = await _client.GetFromJsonAsync<JsonElement>($"/api/invoices/{id}");

        var response = await _client.GetAsync($"/api/invoices/{id}/document?format=pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains($"Invoice {invoice.GetProperty("number").GetString()}", text);
        Assert.Contains("SHIRT-NAVY", text);
        Assert.Contains("Linen shirt, navy", text);
        var totals = invoice.GetProperty("totals");
        foreach (var amount in new[] { totals.GetProperty("gross"), totals.GetProperty("net"), totals.GetProperty("tax"), invoice.GetProperty("balanceDue") })
        {
            Assert.Contains(Whole(amount.GetDecimal(), currency), text);
        }
        Assert.Contains(Whole(unitPrice, currency), text);
        Assert.Contains($"1,000 {currency}", text);
        Assert.Contains("AUTH-PDF", text);
        Assert.DoesNotContain("…", text);
        Assert.DoesNotContain($".00 {currency}", text);
        Assert.Contains("Prices include tax.", text);
    }

    [Fact]
    public async Task Receipt_and_credit_note_come_as_pdf_by_accept_header_or_query_and_html_stays_the_default()
    {
        var orderId = await CreatePosOrderAsync("IDR", 55000, "Red tee M");
        var invoice = await IssueInvoiceAsync(orderId);
        var id = invoice.GetProperty("id").GetGuid();
        var number = invoice.GetProperty("number").GetString()!;
        var credited = await _client.PostAsJsonAsync($"/api/invoices/{id}/credit-notes", new { amount = 15000m, reason = "goodwill discount", refundMethod = "Cash" });
        Assert.Equal(HttpStatusCode.Created, credited.StatusCode);
        var note = await credited.Content.ReadFromJsonAsync<JsonElement>();

        var receiptRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/pos/invoices/{id}/receipt");
        receiptRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
        var receipt = await _client.SendAsync(receiptRequest);
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType?.MediaType);
        var receiptText = PdfText(await receipt.Content.ReadAsByteArrayAsync());
        Assert.Contains("Receipt", receiptText);
        Assert.Contains(number, receiptText);
        Assert.Contains("110,000 IDR", receiptText);

        var notePdf = await _client.GetAsync($"/api/invoices/{id}/credit-notes/{note.GetProperty("number").GetString()}/document?format=pdf");
        Assert.Equal("application/pdf", notePdf.Content.Headers.ContentType?.MediaType);
        var noteText = PdfText(await notePdf.Content.ReadAsByteArrayAsync());
        Assert.Contains($"Credit note {note.GetProperty("number").GetString()}", noteText);
        Assert.Contains($"For invoice {number}", noteText);
        Assert.Contains("15,000 IDR", noteText);
        Assert.Contains("goodwill discount", noteText);

        var html = await _client.GetAsync($"/api/invoices/{id}/credit-notes/{note.GetProperty("number").GetString()}/document");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("goodwill discount", await html.Content.ReadAsStringAsync());
        Assert.Equal("text/html", (await _client.GetAsync($"/api/invoices/{id}/document")).Content.Headers.ContentType?.MediaType);

        var bad = await _client.GetAsync($"/api/invoices/{id}/document?format=docx");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/invoices/{id}/credit-notes/nope/document")).StatusCode);
    }

    [Fact]
    public async Task A_mail_return_label_pdf_draws_both_code128_barcodes_as_bars()
    {
        var orderId = await CreatePosOrderAsync("IDR", 55000, "Red tee M");
        var created = await _client.PostAsJsonAsync("/api/returns",
            new { orderId, channel = "Mail", location = "WH-1", items = new[] { new { sku = "SHIRT-NAVY", quantity = 1, reasonCode = "size-fit" } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var label = await (await _client.PostAsync($"/api/returns/{id}/label", null)).Content.ReadFromJsonAsync<JsonElement>();
        var tracking = label.GetProperty("trackingNumber").GetString()!;
        var rma = label.GetProperty("rmaNumber").GetString()!;

        var response = await _client.GetAsync($"/api/returns/{id}/label?format=pdf");

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var page = document.GetPage(1);
        var text = string.Join(" ", page.GetWords().Select(w => w.Text));
        Assert.Contains(tracking, text);
        Assert.Contains(rma, text);
        Assert.Contains("SHIRT-NAVY", text);
        var bars = page.Paths.Count(p => p.IsFilled);
        Assert.Equal(Bars(Code128.Modules(tracking)) + Bars(Code128.Modules(rma)), bars);
    }

    private static int Bars(string modules) => modules.Split('0', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Whole(decimal amount, string currency) => amount.ToString("N0", CultureInfo.InvariantCulture) + " " + currency;

    private static string PdfText(byte[] pdf)
    {
        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private async Task<JsonElement> IssueInvoiceAsync(Guid orderId)
    {
        var response = await _client.PostAsync($"/api/orders/{orderId}/invoices", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<Guid> CreatePosOrderAsync(string currency, decimal unitPrice, string name)
    {
        var receipt = $"R-PDF-{Guid.NewGuid():N}";
        var json = $$"""
            {"platform":"Pos","platformOrderId":"{{receipt}}","terminalId":"T-01","storeId":"STORE1","customer":{"name":"Walk-in"},
             "currency":"{{currency}}","items":[{"sku":"SHIRT-NAVY","name":"{{name}}","quantity":2,"unitPrice":{{unitPrice.ToString(CultureInfo.InvariantCulture)}}}]}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pos/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", $"order-{receipt}");
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
