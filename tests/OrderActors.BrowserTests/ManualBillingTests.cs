using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OrderActors.BrowserTests.Infrastructure;
using OrderActors.Testing;

namespace OrderActors.BrowserTests;

/// <summary>
/// A counter sale whose store's POS billing endpoint is down: the invoice waits on the billing screen with its
/// prefilled form, and the clerk completes it by hand with the fiscal number the fiscal system gave.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ManualBillingTests(DashboardHost host)
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_clerk_bills_an_invoice_by_hand_when_the_billing_endpoint_is_down_and_the_invoice_keeps_its_payment()
    {
        var unique = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var store = $"{FiscalEndpoint.DownStorePrefix}{unique}";
        var receipt = $"MB-{unique}";
        var orderId = await CreatePosSaleAsync(store, receipt);
        var invoiceId = await PayAtTheCounterAsync(orderId, receipt);

        // The endpoint refuses this store's invoice, so the invoice grain opens a manual billing task.
        await Poll.UntilAsync(async () =>
            {
                await host.Api.PostAsync("/api/invoices/external-billing/retry", null);
                return await host.Api.GetStringAsync("/api/invoices/manual-billing-tasks?status=Open");
            },
            body => body.Contains(invoiceId.ToString(), StringComparison.Ordinal), Eventually);

        var page = await host.SignedInPageAsync();
        await page.GotoAsync("/billing");
        await DashboardHost.WaitForLiveAsync(page);
        var task = page.Locator($"[data-testid=manual-billing-task][data-invoice-id='{invoiceId}']");
        await Assertions.Expect(task).ToBeVisibleAsync();
        // The prefilled form carries the store, the customer, the lines and the total to type into the fiscal system.
        await Assertions.Expect(task).ToContainTextAsync($"store {store}");
        await Assertions.Expect(task).ToContainTextAsync("Blue mug");
        await Assertions.Expect(task).ToContainTextAsync("110,000.00 IDR");
        await DashboardHost.ScreenshotAsync(page, "manual-billing");

        // Without the fiscal number the server refuses, and says why under the field.
        await task.GetByTestId("manual-billing-complete").ClickAsync();
        var fiscalInput = task.GetByLabel("Fiscal number given by the billing system");
        await Assertions.Expect(fiscalInput).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(task.GetByRole(AriaRole.Alert)).ToContainTextAsync("fiscal number written by hand is required");
        Assert.Contains(invoiceId.ToString(), await host.Api.GetStringAsync("/api/invoices/manual-billing-tasks?status=Open"), StringComparison.Ordinal);

        var fiscalNumber = $"HAND-{unique}";
        await fiscalInput.FillAsync(fiscalNumber);
        await task.GetByTestId("manual-billing-complete").ClickAsync();
        await Assertions.Expect(task).ToHaveCountAsync(0);

        // The invoice is listed as billed by hand, paid in full, and its page shows the payment and the fiscal number.
        await page.GotoAsync($"/billing?order={orderId}");
        await DashboardHost.WaitForLiveAsync(page);
        var row = page.GetByTestId("invoices-table").Locator("tr", new() { Has = page.GetByTestId("invoice-link") });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td[data-label='POS billing']")).ToHaveTextAsync("ManuallyBilled");
        await Assertions.Expect(row.Locator("td[data-label=Paid]")).ToHaveTextAsync("110,000.00");
        await Assertions.Expect(row.Locator("td[data-label=Balance]")).ToHaveTextAsync("0.00");
        await row.GetByTestId("invoice-link").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/billing/invoices/{invoiceId}", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("pos-billing")).ToHaveTextAsync($"ManuallyBilled ({fiscalNumber})");
        await Assertions.Expect(page.GetByTestId("payments")).ToContainTextAsync("Cash");
        await Assertions.Expect(page.GetByTestId("payments")).ToContainTextAsync($"till-{receipt}");
        await DashboardHost.ScreenshotAsync(page, "invoice-billed-by-hand");

        using var invoice = JsonDocument.Parse(await host.Api.GetStringAsync($"/api/invoices/{invoiceId}"));
        var billing = invoice.RootElement.GetProperty("externalBilling");
        Assert.Equal("ManuallyBilled", billing.GetProperty("status").GetString());
        Assert.Equal(fiscalNumber, billing.GetProperty("externalReference").GetString());
        Assert.Equal(110_000m, Assert.Single(invoice.RootElement.GetProperty("payments").EnumerateArray()).GetProperty("amount").GetDecimal());
        Assert.DoesNotContain(invoiceId.ToString(), await host.Api.GetStringAsync("/api/invoices/manual-billing-tasks?status=Open"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private async Task<Guid> CreatePosSaleAsync(string store, string receipt)
    {
        var body = await PostIdempotentAsync("/api/pos/orders", $"sale-{receipt}", new
        {
            platform = "Pos",
            platformOrderId = receipt,
            terminalId = "T-01",
            storeId = store,
            customer = new { name = "Walk-in" },
            currency = "IDR",
            items = new[] { new { sku = "SKU-1", name = "Blue mug", quantity = 2, unitPrice = 55000m } },
        });
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>Cash at the till: the POS API issues the order's invoice and records the payment on it.</summary>
    private async Task<Guid> PayAtTheCounterAsync(Guid orderId, string receipt)
    {
        var body = await PostIdempotentAsync($"/api/pos/orders/{orderId}/payments", $"pay-{receipt}",
            new { method = "Cash", amount = 110_000m, tendered = 120_000m, reference = $"till-{receipt}" });
        return body.GetProperty("invoiceId").GetGuid();
    }

    private async Task<JsonElement> PostIdempotentAsync(string path, string key, object payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(payload) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await host.Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
