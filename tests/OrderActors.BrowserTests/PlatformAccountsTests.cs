using System.Text.Json;
using Microsoft.Playwright;
using OrderActors.BrowserTests.Infrastructure;
using OrderActors.Testing;

namespace OrderActors.BrowserTests;

/// <summary>The platform accounts screen against the real api-host and the in-process marketplace simulator.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PlatformAccountsTests(DashboardHost host)
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Connecting_a_simulator_shop_checks_the_credentials_lists_the_account_and_a_refused_secret_saves_nothing()
    {
        var shop = await SimulatorShop.CreateShopeeAsync(host.Simulator);
        await shop.CreateOrdersAsync(host.Simulator, 3);
        var page = await host.SignedInPageAsync();
        await page.GotoAsync("/accounts");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Platform accounts", Exact = true })).ToBeVisibleAsync();

        // A secret the platform does not accept: the platform's refusal is shown and nothing is saved.
        var refusedName = $"Refused {Guid.NewGuid():N}"[..20];
        await FillConnectFormAsync(page, shop with { AppSecret = "not-the-app-secret" }, refusedName);
        await page.GetByTestId("connect-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connect-message")).ToContainTextAsync("refused the credentials");
        await Assertions.Expect(page.Locator("#connect-app-secret")).ToHaveValueAsync("");
        await DashboardHost.ScreenshotAsync(page, "accounts-refused");

        // The right credentials: checked against the simulator, saved, listed, and the shop's orders come in.
        var name = $"Sim shop {Guid.NewGuid():N}"[..20];
        await FillConnectFormAsync(page, shop, name);
        await page.GetByTestId("connect-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connect-message")).ToContainTextAsync($"Connected {name}");
        var row = page.GetByTestId("accounts-table").Locator("tr", new() { Has = page.GetByText(name, new() { Exact = true }) });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = (float)Eventually.TotalMilliseconds });
        await Assertions.Expect(row.GetByTestId("sync-health")).ToHaveAttributeAsync("data-status", "Idle", new() { Timeout = (float)Eventually.TotalMilliseconds });
        await Assertions.Expect(row.Locator("td[data-label=Orders]")).ToHaveTextAsync("3", new() { Timeout = (float)Eventually.TotalMilliseconds });
        // No secret of the saved account reaches the browser.
        var html = await page.ContentAsync();
        Assert.DoesNotContain(shop.AppSecret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(shop.AccessToken, html, StringComparison.Ordinal);
        await DashboardHost.ScreenshotAsync(page, "accounts");

        var accounts = await ListAsync();
        Assert.Contains(accounts, a => a.GetProperty("name").GetString() == name && a.GetProperty("shopId").GetString() == shop.ShopId);
        Assert.DoesNotContain(accounts, a => a.GetProperty("name").GetString() == refusedName);

        // The sync interval is edited in place and saved through the grain.
        var id = await row.GetByTestId("account-name").GetAttributeAsync("data-account-id");
        await row.GetByTestId("interval-input").FillAsync("120");
        await row.GetByTestId("interval-save").ClickAsync();
        await Poll.UntilAsync(async () => (await ListAsync()).First(a => a.GetProperty("id").GetString() == id).GetProperty("syncIntervalSeconds").GetInt32(),
            seconds => seconds == 120, Eventually);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Connecting_through_OAuth_goes_to_the_simulators_authorization_page_and_back_and_lists_the_shop_with_masked_secrets()
    {
        var shop = await SimulatorShop.CreateShopeeAsync(host.Simulator);
        await shop.CreateOrdersAsync(host.Simulator, 2);
        var page = await host.SignedInPageAsync();
        await page.GotoAsync("/accounts");
        await DashboardHost.WaitForLiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Authorize at the platform (OAuth)" }).ClickAsync();

        // The server's validation first: an app without its secret is refused before anything leaves for the platform.
        var name = $"OAuth shop {Guid.NewGuid():N}"[..20];
        await page.Locator("#oauth-platform").SelectOptionAsync("Shopee");
        await page.Locator("#oauth-name").FillAsync(name);
        await page.Locator("#oauth-app-key").FillAsync(shop.AppKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize at the platform" }).ClickAsync();
        await Assertions.Expect(page.Locator("#oauth-app-secret")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.StartsWith(host.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);

        // The redirect URL is prefilled with the dashboard's callback; the seller is sent to the platform's page.
        await Assertions.Expect(page.Locator("#oauth-redirect")).ToHaveValueAsync(new Uri(host.BaseAddress, "accounts/oauth-callback").ToString());
        await page.Locator("#oauth-app-secret").FillAsync(shop.AppSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize at the platform" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(host.Simulator.ShopeeBaseUrl + "/api/v2/shop/auth_partner", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shopee seller authorization" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("consent-app")).ToHaveTextAsync(shop.AppKey);
        await DashboardHost.ScreenshotAsync(page, "oauth-platform-consent");

        // Approving sends the browser back to the dashboard's callback with a one-time code, which it exchanges once.
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm authorization" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(new Uri(host.BaseAddress, "accounts/oauth-callback").ToString(), StringComparison.Ordinal));
        Assert.Contains("code=", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("oauth-result")).ToContainTextAsync($"Connected {name}.");
        var connected = page.GetByTestId("oauth-account");
        await Assertions.Expect(connected).ToContainTextAsync(shop.ShopId);
        await Assertions.Expect(page.GetByTestId("oauth-credentials")).ToHaveTextAsync("••••••••");
        await DashboardHost.ScreenshotAsync(page, "oauth-connected");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to platform accounts" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/accounts", StringComparison.Ordinal));
        var row = page.GetByTestId("accounts-table").Locator("tr", new() { Has = page.GetByText(name, new() { Exact = true }) });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = (float)Eventually.TotalMilliseconds });
        await Assertions.Expect(row.Locator("td[data-label=Credentials]")).ToHaveTextAsync("••••••••");
        // The tokens the code was exchanged for work: the shop's orders are imported.
        await Assertions.Expect(row.GetByTestId("sync-health")).ToHaveAttributeAsync("data-status", "Idle", new() { Timeout = (float)Eventually.TotalMilliseconds });
        await Assertions.Expect(row.Locator("td[data-label=Orders]")).ToHaveTextAsync("2", new() { Timeout = (float)Eventually.TotalMilliseconds });
        Assert.DoesNotContain(shop.AppSecret, await page.ContentAsync(), StringComparison.Ordinal);

        var account = (await ListAsync()).Single(a => a.GetProperty("name").GetString() == name);
        Assert.Equal(shop.ShopId, account.GetProperty("shopId").GetString());
        Assert.Equal("Shopee", account.GetProperty("platform").GetString());
        await page.Context.CloseAsync();
    }

    private static async Task FillConnectFormAsync(IPage page, SimulatorShop shop, string name)
    {
        await page.Locator("#connect-platform").SelectOptionAsync("Shopee");
        await page.Locator("#connect-name").FillAsync(name);
        await page.Locator("#connect-app-key").FillAsync(shop.AppKey);
        await page.Locator("#connect-app-secret").FillAsync(shop.AppSecret);
        await page.Locator("#connect-shop-id").FillAsync(shop.ShopId);
        await page.Locator("#connect-access-token").FillAsync(shop.AccessToken);
        await page.Locator("#connect-refresh-token").FillAsync(shop.RefreshToken);
    }

    private async Task<List<JsonElement>> ListAsync()
    {
        using var document = JsonDocument.Parse(await host.Api.GetStringAsync("/api/platform-accounts"));
        return document.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
