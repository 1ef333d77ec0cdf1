using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrderActors.BrowserTests.Infrastructure;

namespace OrderActors.BrowserTests;

/// <summary>A warehouse clerk's view of the dashboard: only the screens of the role, and two-factor sign-in turned on by the clerk.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ClerkAccessTests(DashboardHost host)
{
    private const string Password = "clerk-packs-boxes-all-day-7";

    [Fact]
    public async Task A_warehouse_clerk_sees_only_the_screens_of_the_role_and_turns_on_two_factor_sign_in_which_the_next_sign_in_asks_for()
    {
        var email = $"clerk-{Guid.NewGuid():N}"[..18] + "@dashboard.test";
        var created = await host.Api.PostAsJsonAsync("/api/users", new { email, displayName = "Packing Clerk", password = Password, roles = new[] { "Warehouse" } });
        Assert.True(created.IsSuccessStatusCode, $"POST /api/users answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var orderId = await host.CreateOrderAsync($"CLK-{Guid.NewGuid():N}"[..16], "Clerk Buyer");

        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, code: null);
        await DashboardHost.WaitForLiveAsync(page);

        // The menu offers what the Warehouse role may do, and nothing else.
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var allowed in new[] { "Overview", "Orders", "My tasks", "Returns", "Two-factor sign-in" })
        {
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = allowed, Exact = true })).ToBeVisibleAsync();
        }
        foreach (var hidden in new[] { "Workflows", "Platform accounts", "Billing", "Users", "Roles and permissions", "API keys", "Audit log", "Orleans dashboard" })
        {
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = hidden, Exact = true })).ToHaveCountAsync(0);
        }
        await DashboardHost.AssertFitsTheWidthAsync(page);
        await DashboardHost.ScreenshotAsync(page, "clerk-menu");

        // Pages outside the role are refused, the Orleans cluster dashboard included.
        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        var orleans = await page.GotoAsync("/dashboard");
        Assert.True(orleans!.Status == 403 || page.Url.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase), $"/dashboard answered {orleans.Status} at {page.Url}");

        // The order page reads, but offers no actions to a role without orders.write.
        await page.GotoAsync($"/orders/{orderId}");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Items" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Actions" })).ToHaveCountAsync(0);
        await DashboardHost.AssertFitsTheWidthAsync(page);

        // Two-factor sign-in: the key is shown once, a wrong code is refused, the app's code turns it on.
        await page.GotoAsync("/account/two-factor");
        await DashboardHost.WaitForLiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        var key = (await page.GetByTestId("totp-secret").TextContentAsync())!.Trim();
        Assert.Matches(new Regex("^[A-Z2-7]{32}$"), key);
        var codeField = page.GetByLabel("Code from the app");
        await codeField.FillAsync("000000" == AuthenticatorApp.Code(key) ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The code does not match")).ToBeVisibleAsync();
        await codeField.FillAsync(AuthenticatorApp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Two-factor sign-in is on")).ToBeVisibleAsync();

        // Signed out, the password alone no longer signs in; the next code does (the used one is spent).
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await SignInAsync(page, email, code: null, expectSignedIn: false);
        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToContainTextAsync("Enter the code from your authenticator app.");
        await DashboardHost.ScreenshotAsync(page, "sign-in-two-factor");
        await SignInAsync(page, email, code: AuthenticatorApp.Code(key, stepsAhead: 1));
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, string email, string? code, bool expectSignedIn = true)
    {
        if (!page.Url.Contains("/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/login");
        }
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        if (code is not null)
        {
            await page.GetByLabel("Authenticator code").FillAsync(code);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (expectSignedIn)
        {
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        }
        else
        {
            await page.GetByTestId("sign-in-error").WaitForAsync();
        }
    }
}
