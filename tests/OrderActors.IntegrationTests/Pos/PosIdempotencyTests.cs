using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Pos;

public sealed class PosIdempotencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _terminal = factory.CreateClientWithPermissions(Permissions.PosUse, Permissions.OrdersRead, Permissions.BillingRead);

    public static string OrderBody(string receipt) => $$"""
        {"platform":"Pos","platformOrderId":"{{receipt}}","terminalId":"T-01","cashierId":"C-7","storeId":"STORE1",
         "customer":{"name":"Walk-in"},"currency":"IDR",
         "items":[{"sku":"TEE-RED-M","name":"Red tee M","quantity":2,"unitPrice":55000}]}
        """;

    [Fact]
    public async Task The_same_pos_requests_sent_twice_with_one_key_create_one_order_and_one_payment()
    {
        var orderKey = $"order-{Guid.NewGuid():N}";
        var first = await PostAsync("/api/pos/orders", OrderBody("R-IDEM-1"), orderKey);
        var second = await PostAsync("/api/pos/orders", OrderBody("R-IDEM-1"), orderKey);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotency-Replayed").Single());
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        var id = firstBody.GetProperty("id").GetGuid();
        Assert.Equal(id, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        var orders = await _terminal.GetFromJsonAsync<JsonElement>("/api/orders?platform=Pos&limit=500");
        Assert.Single(orders.GetProperty("items").EnumerateArray(), o => o.GetProperty("platformOrderId").GetString() == "R-IDEM-1");
        var order = await _terminal.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
        Assert.Equal("Pos", order.GetProperty("platform").GetString());
        Assert.Equal("STORE1", order.GetProperty("accountId").GetString());

        var paymentKey = $"pay-{Guid.NewGuid():N}";
        const string payment = """{"method":"Cash","amount":110000,"tendered":120000}""";
        var paid = await PostAsync($"/api/pos/orders/{id}/payments", payment, paymentKey);
        var repaid = await PostAsync($"/api/pos/orders/{id}/payments", payment, paymentKey);

        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repaid.StatusCode);
        var paidBody = await paid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(10000m, paidBody.GetProperty("change").GetDecimal());
        Assert.Equal(0m, paidBody.GetProperty("balanceDue").GetDecimal());
        Assert.Equal(paidBody.GetProperty("paymentId").GetString(), (await repaid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentId").GetString());
        var invoice = await _terminal.GetFromJsonAsync<JsonElement>($"/api/invoices/{paidBody.GetProperty("invoiceId").GetGuid()}");
        Assert.Equal(1, invoice.GetProperty("payments").GetArrayLength());
        Assert.Equal(110000m, invoice.GetProperty("totals").GetProperty("gross").GetDecimal());
    }

    [Fact]
    public async Task Concurrent_duplicates_of_one_payment_record_it_once()
    {
        var created = await PostAsync("/api/pos/orders", OrderBody("R-IDEM-2"), $"order-{Guid.NewGuid():N}");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var key = $"pay-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync($"/api/pos/orders/{id}/payments", """{"method":"Card","amount":50000,"reference":"AUTH-1"}""", key)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"unexpected {r.StatusCode}"));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        var invoiceId = (await responses.First(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invoiceId").GetGuid();
        var invoice = await _terminal.GetFromJsonAsync<JsonElement>($"/api/invoices/{invoiceId}");
        Assert.Equal(1, invoice.GetProperty("payments").GetArrayLength());
        Assert.Equal(60000m, invoice.GetProperty("balanceDue").GetDecimal());
    }

    [Fact]
    public async Task A_pos_post_without_an_idempotency_key_is_a_400_naming_the_header()
    {
        var response = await _terminal.PostAsync("/api/pos/orders", new StringContent(OrderBody("R-NOKEY"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
    }

    [Fact]
    public async Task A_pos_order_needs_the_pos_platform_and_a_terminal()
    {
        var wrongPlatform = await PostAsync("/api/pos/orders", OrderBody("R-BAD-1").Replace("\"Pos\"", "\"Manual\""), $"k-{Guid.NewGuid():N}");
        var noTerminal = await PostAsync("/api/pos/orders", OrderBody("R-BAD-2").Replace("\"terminalId\":\"T-01\",", ""), $"k-{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.BadRequest, wrongPlatform.StatusCode);
        Assert.True((await wrongPlatform.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("platform", out _));
        Assert.Equal(HttpStatusCode.BadRequest, noTerminal.StatusCode);
        Assert.True((await noTerminal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("terminalId", out _));
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return _terminal.SendAsync(request);
    }
}
