using Microsoft.Playwright;
using OrderActors.BrowserTests.Infrastructure;

namespace OrderActors.BrowserTests;

/// <summary>The reconnecting state: the socket drops, the banner says so, and on reconnect the page catches up.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ReconnectTests(DashboardHost host)
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_dropped_connection_shows_the_reconnecting_banner_and_the_orders_table_catches_up_with_an_order_created_meanwhile()
    {
        var page = await host.SignedInPageAsync();
        await page.GotoAsync("/orders");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("orders-table")).ToBeVisibleAsync();
        var banner = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(banner).ToBeHiddenAsync();

        // Offline first, so the reconnect attempts fail until the network is back; then the circuit's socket is dropped.
        await page.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = (float)Eventually.TotalMilliseconds });
        await Assertions.Expect(banner).ToContainTextAsync("Reconnecting");
        await DashboardHost.ScreenshotAsync(page, "reconnecting");

        var number = $"RECON-{Guid.NewGuid():N}"[..16];
        var id = await host.CreateOrderAsync(number, "Offline Buyer");

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = (float)Eventually.TotalMilliseconds });
        var row = page.Locator($"[data-testid=order-link][data-order-id='{id}']");
        await Assertions.Expect(row).ToHaveTextAsync(number, new() { Timeout = (float)Eventually.TotalMilliseconds });
        await page.Context.CloseAsync();
    }
}
