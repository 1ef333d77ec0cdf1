using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Billing;

namespace OrderActors.IntegrationTests.Returns;

public sealed class ReturnsTests(ReturnsApiFactory factory) : IClassFixture<ReturnsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(
        Permissions.PosUse, Permissions.ReturnsWrite, Permissions.ReturnsApprove, Permissions.BillingRead, Permissions.BillingWrite, Permissions.StockRead, Permissions.OrdersRead, Permissions.EventsRead);

    [Fact]
    public async Task A_return_cannot_exceed_delivered_quantities_minus_earlier_returns_even_concurrently()
    {
        var orderId = await CreatePosOrderAsync("R-RET-LIMIT", quantity: 2);

        var tooMany = await CreateReturnAsync(orderId, "TEE-RED-M", 3, "InStore");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.True((await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("items[0].quantity", out _));

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CreateReturnAsync(orderId, "TEE-RED-M", 1, "InStore")));
        Assert.Equal(2, concurrent.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, concurrent.Count(r => r.StatusCode == HttpStatusCode.BadRequest));

        // Cancelling one gives its quantity back.
        var first = await concurrent.First(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>();
        var cancelled = await PostJsonAsync($"/api/returns/{first.GetProperty("id").GetGuid()}/cancel", new { reason = "customer kept it" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateReturnAsync(orderId, "TEE-RED-M", 1, "InStore")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await CreateReturnAsync(orderId, "TEE-RED-M", 1, "InStore")).StatusCode);
    }

    [Fact]
    public async Task A_mail_return_runs_its_states_restocks_sellable_items_records_the_refund_and_emits_events()
    {
        var orderId = await CreatePosOrderAsync("R-RET-MAIL", quantity: 3);
        var invoice = await (await _client.PostAsync($"/api/orders/{orderId}/invoices", null)).Content.ReadFromJsonAsync<JsonElement>();
        var invoiceId = invoice.GetProperty("id").GetGuid();
        var paid = await PostJsonAsync($"/api/invoices/{invoiceId}/payments", new { method = "Card", amount = 165000m, reference = "AUTH-9" });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);

        var created = await CreateReturnAsync(orderId, "TEE-RED-M", 2, "Mail");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Matches(@"^RMA-\d{4}-\d{6}$", body.GetProperty("rmaNumber").GetString());
        Assert.Equal("Approved", body.GetProperty("status").GetString()); // 110,000 IDR is under the automatic limit
        Assert.Equal(110000m, body.GetProperty("refundAmount").GetDecimal());

        Assert.Equal(HttpStatusCode.Conflict, (await _client.PostAsync($"/api/returns/{id}/receive", null)).StatusCode);
        var label = await (await _client.PostAsync($"/api/returns/{id}/label", null)).Content.ReadFromJsonAsync<JsonElement>();
        var tracking = label.GetProperty("trackingNumber").GetString()!;
        var labelHtml = await _client.GetStringAsync($"/api/returns/{id}/label");
        Assert.Contains("<svg", labelHtml);
        Assert.Contains(tracking, labelHtml);

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/api/returns/{id}/in-transit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/api/returns/{id}/receive", null)).StatusCode);
        var inspected = await PostJsonAsync($"/api/returns/{id}/inspect", new { items = new[] { new { sku = "TEE-RED-M", condition = "Opened", notes = "tags removed" } } });
        Assert.Equal(HttpStatusCode.OK, inspected.StatusCode);
        var completed = await PostJsonAsync($"/api/returns/{id}/complete", new { resolution = "Refund" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var done = await completed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(invoiceId, done.GetProperty("refundInvoiceId").GetGuid());

        var stock = await _client.GetFromJsonAsync<JsonElement>("/api/stock?sku=TEE-RED-M&location=STORE1-FLOOR");
        Assert.Equal(2, stock.GetProperty("items")[0].GetProperty("onHand").GetInt32());
        var movements = await _client.GetFromJsonAsync<JsonElement>("/api/stock/movements?sku=TEE-RED-M&location=STORE1-FLOOR");
        var movement = Assert.Single(movements.GetProperty("items").EnumerateArray());
        Assert.Equal("Return", movement.GetProperty("reason").GetString());
        Assert.Equal(done.GetProperty("rmaNumber").GetString(), movement.GetProperty("reference").GetString());

        var refunded = await _client.GetFromJsonAsync<JsonElement>($"/api/invoices/{invoiceId}");
        var note = Assert.Single(refunded.GetProperty("creditNotes").EnumerateArray());
        Assert.Equal(110000m, note.GetProperty("amount").GetDecimal());
        Assert.Equal(110000m, note.GetProperty("refundedAmount").GetDecimal());
        Assert.Equal(id, note.GetProperty("returnId").GetGuid());

        // The grains' outboxes were drained into the durable feed, where the events are read in order.
        var feed = await Realtime.FeedPages.ReadAllAsync(_client);
        var events = feed.Where(e => Realtime.FeedPages.PayloadGuid(e, "returnId") == id).ToList();
        Assert.Equal("ReturnRequested", events[0].GetProperty("type").GetString());
        Assert.All(events.Skip(1), e => Assert.Equal("ReturnStatusChanged", e.GetProperty("type").GetString()));
        Assert.Equal(["Approved", "LabelIssued", "InTransit", "Received", "Inspected", "Completed"], events.Skip(1).Select(e => e.GetProperty("payload").GetProperty("to").GetString()));
        var invoiceEvents = feed.Where(e => Realtime.FeedPages.PayloadGuid(e, "invoiceId") == invoiceId).ToList();
        Assert.Equal(["InvoiceIssued", "PaymentRecorded"], invoiceEvents.Select(e => e.GetProperty("type").GetString()));
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement>($"/api/returns/{id}/events")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Damaged_items_are_not_restocked_and_a_review_reason_waits_for_a_person()
    {
        var orderId = await CreatePosOrderAsync("R-RET-REVIEW", quantity: 1, sku: "MUG-BLUE");
        var created = await CreateReturnAsync(orderId, "MUG-BLUE", 1, "InStore", reason: "not-as-described");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var pending = await _client.GetFromJsonAsync<JsonElement>($"/api/returns/{id}");
        Assert.Equal("Requested", pending.GetProperty("status").GetString());
        var tasks = await _client.GetFromJsonAsync<JsonElement>("/api/returns/approval-tasks?status=Open");
        Assert.Contains(tasks.GetProperty("items").EnumerateArray(), t => t.GetProperty("reference").GetString() == id.ToString());

        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync($"/api/returns/{id}/approve", new { note = "photo confirms" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/api/returns/{id}/receive", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync($"/api/returns/{id}/inspect", new { items = new[] { new { sku = "MUG-BLUE", condition = "Damaged" } } })).StatusCode);
        var done = await (await PostJsonAsync($"/api/returns/{id}/complete", new { resolution = "StoreCredit" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0, done.GetProperty("restockedSkus").GetArrayLength());
        var stock = await _client.GetFromJsonAsync<JsonElement>("/api/stock?sku=MUG-BLUE&location=STORE1-FLOOR");
        Assert.Equal(0, stock.GetProperty("items").GetArrayLength());
        // The order had no invoice yet: the refund still lands in billing, on the invoice issued for it.
        var refunded = await _client.GetFromJsonAsync<JsonElement>($"/api/invoices/{done.GetProperty("refundInvoiceId").GetGuid()}");
        Assert.Equal("StoreCredit", refunded.GetProperty("creditNotes")[0].GetProperty("refundMethod").GetString());
        var closed = await _client.GetFromJsonAsync<JsonElement>("/api/returns/approval-tasks?status=Open");
        Assert.DoesNotContain(closed.GetProperty("items").EnumerateArray(), t => t.GetProperty("reference").GetString() == id.ToString());
    }

    [Theory]
    [InlineData("photo.txt", "text/plain", "hello", "contentType")]
    [InlineData("photo.png", "image/png", "<html>not a png</html>", "contentType")]
    [InlineData("../../photo.png", "image/png", null, "fileName")]
    [InlineData("big.png", "image/png", "BIG", "file")]
    public async Task Bad_attachments_are_a_400_naming_the_field_and_nothing_is_written(string fileName, string contentType, string? text, string field)
    {
        var orderId = await CreatePosOrderAsync($"R-RET-ATT-{Guid.NewGuid():N}", quantity: 1);
        var id = (await (await CreateReturnAsync(orderId, "TEE-RED-M", 1, "InStore")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        byte[] bytes = text switch
        {
            null => Png(64),
            "BIG" => Png((int)ReturnsApiFactory.MaxAttachmentBytes + 1),
            _ => Encoding.UTF8.GetBytes(text),
        };

        var response = await UploadAsync(id, fileName, contentType, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.False(Directory.Exists(Path.Combine(factory.AttachmentsDirectory, "returns", id.ToString("N"))));
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "photo.png")));
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>($"/api/returns/{id}")).GetProperty("attachments").GetArrayLength());
    }

    [Fact]
    public async Task A_good_photo_is_stored_and_downloadable()
    {
        var orderId = await CreatePosOrderAsync("R-RET-ATT-OK", quantity: 1);
        var id = (await (await CreateReturnAsync(orderId, "TEE-RED-M", 1, "InStore")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var png = Png(200);

        var response = await UploadAsync(id, "sleeve.png", "image/png", png);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var download = await _client.GetByteArrayAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(png, download);
    }

    private static byte[] Png(int size)
    {
        var bytes = new byte[size];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    private Task<HttpResponseMessage> UploadAsync(Guid returnId, string fileName, string contentType, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return _client.PostAsync($"/api/returns/{returnId}/attachments", form);
    }

    private Task<HttpResponseMessage> CreateReturnAsync(Guid orderId, string sku, int quantity, string channel, string reason = "size-fit") =>
        PostJsonAsync("/api/returns", new { orderId, channel, location = "STORE1-FLOOR", items = new[] { new { sku, quantity, reasonCode = reason } } });

    private Task<HttpResponseMessage> PostJsonAsync(string path, object body) => _client.PostAsJsonAsync(path, body);

    private async Task<Guid> CreatePosOrderAsync(string receipt, int quantity, string sku = "TEE-RED-M")
    {
        var json = $$"""
            {"platform":"Pos","platformOrderId":"{{receipt}}","terminalId":"T-01","storeId":"STORE1","customer":{"name":"Walk-in"},
             "currency":"IDR","items":[{"sku":"{{sku}}","name":"Item","quantity":{{quantity}},"unitPrice":55000}]}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pos/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", $"order-{receipt}");
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
