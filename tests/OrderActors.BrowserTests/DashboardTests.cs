using Microsoft.Playwright;
using OrderActors.BrowserTests.Infrastructure;
using OrderActors.Testing;

namespace OrderActors.BrowserTests;

/// <summary>The dashboard in headless chromium against the real api-host; each test signs in on its own browser context.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardHost host)
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Signing_in_leads_from_the_sign_in_page_to_the_overview()
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/orders");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await DashboardHost.ScreenshotAsync(page, "sign-in");

        await page.GetByLabel("Email").FillAsync(DashboardHost.AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password-at-all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToContainTextAsync("incorrect");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DashboardHost.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/orders", StringComparison.Ordinal));
        await DashboardHost.WaitForLiveAsync(page);
        await page.GotoAsync("/");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "overview");
        await context.CloseAsync();
    }

    [Fact]
    public async Task An_order_created_through_the_api_appears_in_the_orders_table_without_a_reload()
    {
        var page = await host.SignedInPageAsync();
        await page.GotoAsync("/orders");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("orders-table")).ToBeVisibleAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        var number = $"LIVE-{Guid.NewGuid():N}"[..16];
        var id = await host.CreateOrderAsync(number, "Live Buyer");

        var row = page.Locator($"[data-testid=order-link][data-order-id='{id}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = (float)Eventually.TotalMilliseconds });
        await Assertions.Expect(row).ToHaveTextAsync(number);
        Assert.Equal(0, navigations);
        await DashboardHost.ScreenshotAsync(page, "orders");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Accept_then_undo_on_the_order_page_shows_each_state_and_changes_the_order()
    {
        var id = await host.CreateOrderDecidedByHandAsync($"ACC-{Guid.NewGuid():N}"[..16], "Accept Buyer");
        var page = await host.SignedInPageAsync();
        await page.GotoAsync($"/orders/{id}");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("detail-workflow")).ToContainTextAsync("New");

        await page.GetByTestId("action-accept").ClickAsync();
        await Assertions.Expect(page.GetByTestId("detail-workflow")).ToContainTextAsync("Accepted");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Accepted");
        Assert.Equal("Accepted", await host.WorkflowStatusAsync(id));
        await DashboardHost.ScreenshotAsync(page, "order-detail");

        await page.GetByTestId("action-undo").ClickAsync();
        await Assertions.Expect(page.GetByTestId("detail-workflow")).ToContainTextAsync("New");
        Assert.Equal("New", await host.WorkflowStatusAsync(id));

        // A rule of the server, shown as its message: rejecting needs a reason.
        await page.GetByTestId("action-reject").ClickAsync();
        await Assertions.Expect(page.GetByTestId("action-message")).ToContainTextAsync("reason");
        Assert.Equal("New", await host.WorkflowStatusAsync(id));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bulk_accept_of_selected_orders_accepts_each_of_them()
    {
        var tag = $"BULK{Guid.NewGuid():N}"[..12];
        var first = await host.CreateOrderDecidedByHandAsync($"{tag}-1", "Bulk Buyer One");
        var second = await host.CreateOrderDecidedByHandAsync($"{tag}-2", "Bulk Buyer Two");
        var page = await host.SignedInPageAsync();
        await page.GotoAsync("/orders");
        await DashboardHost.WaitForLiveAsync(page);

        foreach (var id in new[] { first, second })
        {
            var box = page.Locator($"[data-testid=select-order][data-order-id='{id}']");
            await box.CheckAsync();
            await Assertions.Expect(box).ToBeCheckedAsync();
        }
        await Assertions.Expect(page.GetByTestId("bulk-bar")).ToContainTextAsync("2 selected");
        await page.GetByTestId("bulk-accept").ClickAsync();

        foreach (var id in new[] { first, second })
        {
            await Assertions.Expect(page.Locator($"[data-testid=order-workflow][data-order-id='{id}']")).ToContainTextAsync("Accepted");
            Assert.Equal("Accepted", await Poll.UntilAsync(() => host.WorkflowStatusAsync(id), s => s == "Accepted", Eventually));
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Administration_screens_open_for_an_admin()
    {
        var page = await host.SignedInPageAsync();
        foreach (var (path, heading, shot) in new[]
                 {
                     ("/admin/users", "Users", "admin-users"),
                     ("/admin/roles", "Roles and permissions", "admin-roles"),
                     ("/admin/api-keys", "API keys", "admin-api-keys"),
                     ("/admin/audit", "Audit log", "audit-log"),
                 })
        {
            await page.GotoAsync(path);
            await DashboardHost.WaitForLiveAsync(page);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            await DashboardHost.ScreenshotAsync(page, shot);
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "auth.sign_in" }).First).ToBeVisibleAsync();

        // The Orleans cluster dashboard of the co-hosted silo: open to the signed-in admin, closed to anyone else.
        var orleans = await page.GotoAsync("/dashboard");
        Assert.Equal(200, orleans!.Status);
        await DashboardHost.ScreenshotAsync(page, "orleans-dashboard");
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard")).StatusCode);
        await page.Context.CloseAsync();
    }
}
