using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OrderActors.BrowserTests.Infrastructure;
using OrderActors.Testing;

namespace OrderActors.BrowserTests;

/// <summary>Returns and billing screens against the real api-host: the clerk's inspection of a return, and the billing lists.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ReturnsAndBillingTests(DashboardHost host)
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    // A 1x1 PNG: the photo upload checks the content's signature, not only its name.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_clerk_receives_inspects_and_photographs_a_return_and_the_return_records_it()
    {
        var orderId = await CreatePosSaleAsync($"RET-{Guid.NewGuid():N}"[..16]);
        var returnId = await CreateApprovedReturnAsync(orderId);
        var page = await host.SignedInPageAsync();

        // The queue (the read model behind GET /api/returns) lists it; its RMA number opens the detail.
        await Poll.UntilAsync(() => host.Api.GetStringAsync($"/api/returns?orderId={orderId}"), body => body.Contains(returnId.ToString(), StringComparison.Ordinal), Eventually);
        await page.GotoAsync("/returns");
        await DashboardHost.WaitForLiveAsync(page);
        var link = page.Locator($"[data-testid=return-link][data-return-id='{returnId}']");
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = (float)Eventually.TotalMilliseconds });
        await DashboardHost.ScreenshotAsync(page, "returns");
        await link.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/returns/{returnId}", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("return-status")).ToHaveTextAsync("Approved");
        await page.GetByTestId("return-receive").ClickAsync();
        await Assertions.Expect(page.GetByTestId("return-status")).ToHaveTextAsync("Received");

        await page.GetByLabel("Condition of SKU-1").SelectOptionAsync("Damaged");
        await page.GetByLabel("Inspection notes for SKU-1").FillAsync("Handle cracked in transit");
        await page.GetByTestId("inspect-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("return-status")).ToHaveTextAsync("Inspected");

        await page.Locator("#photo-sku").SelectOptionAsync("SKU-1");
        await page.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "cracked-mug.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(page.GetByTestId("photo")).ToHaveCountAsync(1, new() { Timeout = (float)Eventually.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("return-history")).ToContainTextAsync("Inspected");
        await DashboardHost.ScreenshotAsync(page, "return-detail");

        var saved = await ReturnAsync(returnId);
        Assert.Equal("Inspected", saved.GetProperty("status").GetString());
        var inspection = Assert.Single(saved.GetProperty("inspections").EnumerateArray());
        Assert.Equal("Damaged", inspection.GetProperty("condition").GetString());
        Assert.Equal("Handle cracked in transit", inspection.GetProperty("notes").GetString());
        var photo = Assert.Single(saved.GetProperty("attachments").EnumerateArray());
        Assert.Equal("SKU-1", photo.GetProperty("sku").GetString());
        // The photo is served by the API to the signed-in browser (its cookie), as the page shows it.
        var image = await page.APIRequest.GetAsync($"/api/returns/{returnId}/attachments/{photo.GetProperty("id").GetString()}");
        Assert.Equal(200, image.Status);
        Assert.Equal(Png, await image.BodyAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_billing_screen_lists_an_order_invoice_and_its_page_records_a_payment()
    {
        var orderId = await host.CreateOrderAsync($"INV-{Guid.NewGuid():N}"[..16], "Invoice Buyer", price: 10m);
        var issued = await host.Api.PostAsync($"/api/orders/{orderId}/invoices", null);
        var body = await issued.Content.ReadAsStringAsync();
        Assert.True(issued.IsSuccessStatusCode, body);
        using var created = JsonDocument.Parse(body);
        var invoiceId = created.RootElement.GetProperty("id").GetGuid();
        var number = created.RootElement.GetProperty("number").GetString()!;
        var page = await host.SignedInPageAsync();

        await page.GotoAsync($"/billing?order={orderId}");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("invoice-link")).ToHaveTextAsync(number, new() { Timeout = (float)Eventually.TotalMilliseconds });
        await DashboardHost.ScreenshotAsync(page, "billing");

        await page.GetByTestId("invoice-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Invoice {number}" })).ToBeVisibleAsync();
        await page.Locator("#payment-method").SelectOptionAsync("Card");
        await page.Locator("#payment-amount").FillAsync("-5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record payment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("invoice-message")).ToContainTextAsync("amount must be positive");

        await page.Locator("#payment-amount").FillAsync("7.50");
        await page.Locator("#payment-reference").FillAsync("card-slip-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record payment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("payments")).ToContainTextAsync("card-slip-42");
        await DashboardHost.ScreenshotAsync(page, "invoice");

        using var invoice = JsonDocument.Parse(await host.Api.GetStringAsync($"/api/invoices/{invoiceId}"));
        var payment = Assert.Single(invoice.RootElement.GetProperty("payments").EnumerateArray());
        Assert.Equal(7.50m, payment.GetProperty("amount").GetDecimal());
        Assert.Equal("Card", payment.GetProperty("method").GetString());
        await page.Context.CloseAsync();
    }

    /// <summary>A completed counter sale: only goods the customer has can be returned.</summary>
    private async Task<Guid> CreatePosSaleAsync(string receipt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pos/orders")
        {
            Content = JsonContent.Create(new
            {
                platform = "Pos",
                platformOrderId = receipt,
                terminalId = "T-01",
                storeId = "STORE1",
                customer = new { name = "Walk-in" },
                currency = "IDR",
                items = new[] { new { sku = "SKU-1", name = "Blue mug", quantity = 2, unitPrice = 55000m } },
            }),
        };
        request.Headers.Add("Idempotency-Key", $"sale-{receipt}");
        var response = await host.Api.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/pos/orders answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private async Task<Guid> CreateApprovedReturnAsync(Guid orderId)
    {
        var response = await host.Api.PostAsJsonAsync("/api/returns", new
        {
            orderId,
            channel = "InStore",
            location = "MAIN",
            items = new[] { new { sku = "SKU-1", quantity = 1, reasonCode = "damaged" } },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/returns answered {(int)response.StatusCode}: {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        // Small returns may be approved automatically; approving again is then a no-op.
        if ((await ReturnAsync(id)).GetProperty("status").GetString() == "Requested")
        {
            (await host.Api.PostAsync($"/api/returns/{id}/approve", null)).EnsureSuccessStatusCode();
        }
        await Poll.UntilAsync(async () => (await ReturnAsync(id)).GetProperty("status").GetString(), s => s == "Approved", Eventually);
        return id;
    }

    private async Task<JsonElement> ReturnAsync(Guid id)
    {
        using var document = JsonDocument.Parse(await host.Api.GetStringAsync($"/api/returns/{id}"));
        return document.RootElement.Clone();
    }
}
