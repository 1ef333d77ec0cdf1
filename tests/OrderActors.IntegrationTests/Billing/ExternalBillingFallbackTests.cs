using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Pos;

namespace OrderActors.IntegrationTests.Billing;

public sealed class ExternalBillingFallbackTests(ExternalBillingApiFactory factory) : IClassFixture<ExternalBillingApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(Permissions.PosUse, Permissions.BillingRead, Permissions.BillingWrite, Permissions.OrdersRead);

    [Fact]
    public async Task Endpoint_down_falls_back_to_manual_billing_and_recovery_sends_each_queued_invoice_once()
    {
        var simulator = factory.Simulator;
        simulator.Down = true;
        var invoices = new List<(Guid OrderId, Guid InvoiceId, string Number)>();
        for (var i = 1; i <= 3; i++)
        {
            var orderId = await CreatePosOrderAsync($"R-EXT-{i}");
            var issued = await _client.PostAsync($"/api/orders/{orderId}/invoices", null);
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
            var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
            invoices.Add((orderId, body.GetProperty("id").GetGuid(), body.GetProperty("number").GetString()!));
        }

        foreach (var (orderId, invoiceId, number) in invoices)
        {
            await Poll.UntilAsync(async () => await ExternalStatusAsync(invoiceId) == "Manual", $"invoice {number} falls back to manual billing");
            var billing = await _client.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/billing");
            Assert.Equal("Manual", billing.GetProperty("billingMode").GetString());
        }
        var tasks = await _client.GetFromJsonAsync<JsonElement>("/api/invoices/manual-billing-tasks?status=Open");
        foreach (var (_, invoiceId, number) in invoices)
        {
            var task = tasks.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("reference").GetString() == invoiceId.ToString());
            var form = JsonDocument.Parse(task.GetProperty("formJson").GetString()!).RootElement;
            Assert.Equal(number, form.GetProperty("invoiceNumber").GetString());
            Assert.Equal(110000m, form.GetProperty("totals").GetProperty("gross").GetDecimal());
        }
        Assert.All(invoices, i => Assert.Equal(0, simulator.AcceptedCount(i.InvoiceId)));

        simulator.Down = false;
        foreach (var (orderId, invoiceId, number) in invoices)
        {
            await Poll.UntilAsync(async () => await ExternalStatusAsync(invoiceId) == "Sent", $"invoice {number} is re-sent after recovery");
        }
        // Further retry rounds must not send anything again.
        var retry = await _client.PostAsync("/api/invoices/external-billing/retry", null);
        Assert.Equal(0, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stillQueued").GetInt32());
        // An absence cannot be polled for: give a stray resend a short window to show up before counting.
        await Task.Delay(1000);

        foreach (var (orderId, invoiceId, _) in invoices)
        {
            Assert.Equal(1, simulator.AcceptedCount(invoiceId));
            Assert.Equal(1, simulator.CallsWhileUp(invoiceId));
            var billing = await _client.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/billing");
            Assert.Equal("Automatic", billing.GetProperty("billingMode").GetString());
        }
        var open = await _client.GetFromJsonAsync<JsonElement>("/api/invoices/manual-billing-tasks?status=Open");
        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), t => invoices.Any(i => i.InvoiceId.ToString() == t.GetProperty("reference").GetString()));
    }

    [Fact]
    public async Task A_slow_endpoint_times_out_into_manual_billing_and_a_clerk_can_close_it_by_hand()
    {
        var orderId = await CreatePosOrderAsync("R-EXT-SLOW");
        factory.Simulator.Slow = true;
        try
        {
            var issued = await _client.PostAsync($"/api/orders/{orderId}/invoices", JsonContent.Create(new { series = "SLOW-2026" }));
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
            var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
            var invoiceId = body.GetProperty("id").GetGuid();
            Assert.Equal("SLOW-2026-000001", body.GetProperty("number").GetString());
            await Poll.UntilAsync(async () => await ExternalStatusAsync(invoiceId) == "Manual", "the timed-out invoice falls back to manual billing");

            var done = await _client.PostAsync($"/api/invoices/{invoiceId}/manual-billing", JsonContent.Create(new { externalReference = "HAND-0001" }));

            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            Assert.Equal("ManuallyBilled", await ExternalStatusAsync(invoiceId));
            factory.Simulator.Slow = false;
            await _client.PostAsync("/api/invoices/external-billing/retry", null);
            Assert.Equal(0, factory.Simulator.AcceptedCount(invoiceId));
        }
        finally
        {
            factory.Simulator.Slow = false;
        }
    }

    private async Task<string?> ExternalStatusAsync(Guid invoiceId)
    {
        var invoice = await _client.GetFromJsonAsync<JsonElement>($"/api/invoices/{invoiceId}");
        return invoice.GetProperty("externalBilling").GetProperty("status").GetString();
    }

    private async Task<Guid> CreatePosOrderAsync(string receipt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pos/orders") { Content = new StringContent(PosIdempotencyTests.OrderBody(receipt), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", $"order-{receipt}");
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
