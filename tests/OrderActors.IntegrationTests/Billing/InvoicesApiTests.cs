using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;
using OrderActors.IntegrationTests.Pos;

namespace OrderActors.IntegrationTests.Billing;

public sealed class InvoicesApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(
        Permissions.PosUse, Permissions.BillingRead, Permissions.BillingWrite, Permissions.ReturnsWrite, Permissions.OrdersRead);

    [Fact]
    public async Task Issuing_an_invoice_for_an_order_answers_201_with_id_and_a_number_ending_in_its_sequence()
    {
        var orderId = await CreatePosOrderAsync($"R-INV-{Guid.NewGuid():N}");

        var first = await _client.PostAsync($"/api/orders/{orderId}/invoices", JsonContent.Create(new { series = "API-2026" }));
        var again = await _client.PostAsync($"/api/orders/{orderId}/invoices", JsonContent.Create(new { series = "API-2026" }));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        var number = body.GetProperty("number").GetString()!;
        Assert.Matches(@"^API-2026-\d{6}$", number);
        Assert.EndsWith(body.GetProperty("sequence").GetInt64().ToString("D6"), number);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(body.GetProperty("id").GetGuid(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        var html = await _client.GetStringAsync($"/api/invoices/{body.GetProperty("id").GetGuid()}/document");
        Assert.Contains(number, html);
        var list = await _client.GetFromJsonAsync<JsonElement>($"/api/invoices?orderId={orderId}");
        Assert.Single(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Partial_payments_leave_a_balance_due_and_a_voided_invoice_keeps_its_number()
    {
        var orderId = await CreatePosOrderAsync($"R-INV-{Guid.NewGuid():N}");
        var invoice = await (await _client.PostAsync($"/api/orders/{orderId}/invoices", JsonContent.Create(new { series = "PART-2026" }))).Content.ReadFromJsonAsync<JsonElement>();
        var id = invoice.GetProperty("id").GetGuid();

        var part = await _client.PostAsJsonAsync($"/api/invoices/{id}/payments", new { method = "EWallet", amount = 10000m, reference = "OVO-1" });
        Assert.Equal(HttpStatusCode.Created, part.StatusCode);
        Assert.Equal(100000m, (await part.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("balanceDue").GetDecimal());
        var over = await _client.PostAsJsonAsync($"/api/invoices/{id}/payments", new { method = "Card", amount = 200000m });
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        var badMethod = await _client.PostAsJsonAsync($"/api/invoices/{id}/payments", new { method = "Bitcoin", amount = 1m });
        Assert.True((await badMethod.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("method", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await _client.PostAsJsonAsync($"/api/invoices/{id}/void", new { reason = "typo" })).StatusCode);

        var credited = await _client.PostAsJsonAsync($"/api/invoices/{id}/credit-notes", new { amount = 10000m, reason = "goodwill", refundMethod = "Cash" });
        Assert.Equal(HttpStatusCode.Created, credited.StatusCode);
        Assert.EndsWith("-CN1", (await credited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString());

        var other = await CreatePosOrderAsync($"R-INV-{Guid.NewGuid():N}");
        var second = await (await _client.PostAsync($"/api/orders/{other}/invoices", JsonContent.Create(new { series = "PART-2026" }))).Content.ReadFromJsonAsync<JsonElement>();
        var voided = await _client.PostAsJsonAsync($"/api/invoices/{second.GetProperty("id").GetGuid()}/void", new { reason = "wrong customer" });
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        var voidedBody = await voided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Voided", voidedBody.GetProperty("status").GetString());
        Assert.Equal("PART-2026-000002", voidedBody.GetProperty("number").GetString());
        var third = await (await _client.PostAsync($"/api/orders/{other}/invoices", JsonContent.Create(new { series = "PART-2026" }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(second.GetProperty("id").GetGuid(), third.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Bad_invoice_requests_are_400s_naming_the_field()
    {
        var orderId = await CreatePosOrderAsync($"R-INV-{Guid.NewGuid():N}");

        var badSeries = await _client.PostAsync($"/api/orders/{orderId}/invoices", JsonContent.Create(new { series = "../x" }));
        var unknownOrder = await _client.PostAsync($"/api/orders/{Guid.NewGuid()}/invoices", null);

        Assert.Equal(HttpStatusCode.BadRequest, badSeries.StatusCode);
        Assert.True((await badSeries.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("series", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknownOrder.StatusCode);
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_another_body_is_a_422_and_a_pos_return_is_created_once()
    {
        var orderId = await CreatePosOrderAsync($"R-INV-{Guid.NewGuid():N}");
        var key = $"ret-{Guid.NewGuid():N}";
        var body = $$"""{"orderId":"{{orderId}}","location":"STORE1","items":[{"sku":"TEE-RED-M","quantity":1,"reasonCode":"size-fit"}]}""";

        var first = await PostAsync("/api/pos/returns", body, key);
        var second = await PostAsync("/api/pos/returns", body, key);
        var changed = await PostAsync("/api/pos/returns", body.Replace("\"quantity\":1", "\"quantity\":2"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var returnId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(returnId, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        var returned = await _client.GetFromJsonAsync<JsonElement>($"/api/returns/{returnId}");
        Assert.Equal("InStore", returned.GetProperty("channel").GetString());
        Assert.Equal("Pos", returned.GetProperty("source").GetString());
        // One more of the two sold is still returnable: the retried request did not hold a second unit.
        var another = await PostAsync("/api/pos/returns", body, $"ret-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Created, another.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return _client.SendAsync(request);
    }

    private async Task<Guid> CreatePosOrderAsync(string receipt)
    {
        var response = await PostAsync("/api/pos/orders", PosIdempotencyTests.OrderBody(receipt), $"order-{receipt}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
