using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OrderActors.MarketplaceSim;
using OrderActors.Testing;

namespace OrderActors.BrowserTests.Infrastructure;

/// <summary>
/// The real api-host, started from its built dll in the Production environment (embedded mode, its own data
/// directory and ports, a known bootstrap admin), and a headless Debian chromium driven by Playwright.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public const string AdminEmail = "admin@dashboard.test";
    public const string AdminPassword = "browser-tests-horse-battery-42";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"oa-browser-{Guid.NewGuid():N}");
    private DotnetProcess? _process;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{FreePort.Next()}");

    public IBrowser Browser { get; private set; } = default!;

    public HttpClient Api { get; private set; } = default!;

    /// <summary>The marketplace simulator, in-process; the api-host's connectors point at it.</summary>
    public RunningSimulator Simulator { get; private set; } = default!;

    /// <summary>The POS/fiscal billing endpoint the api-host sends invoices to; down for stores named <c>DOWN-...</c>.</summary>
    public FiscalEndpoint Fiscal { get; private set; } = default!;

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryLayout.Root, ".test-run", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        Simulator = await SimulatorHost.StartAsync();
        Fiscal = await FiscalEndpoint.StartAsync();
        var environment = new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["OrderActors__Mode"] = "Embedded",
                ["OrderActors__DataDirectory"] = _dataDirectory,
                ["OrderActors__SiloPort"] = FreePort.Next().ToString(),
                ["OrderActors__GatewayPort"] = FreePort.Next().ToString(),
                ["OrderActors__Bootstrap__AdminEmail"] = AdminEmail,
                ["OrderActors__Bootstrap__AdminPassword"] = AdminPassword,
                ["OrderActors__Security__SignInPermitsPerMinute"] = "10000",
                ["OrderActors__Billing__ExternalEndpoint"] = Fiscal.BaseUrl,
            };
        foreach (var (key, value) in Simulator.ConnectorSettings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        _process = DotnetProcess.Start("api-host", RepositoryLayout.ApiHostDll, environment, "--urls", BaseAddress.ToString().TrimEnd('/'));
        await _process.WaitForHttpOkAsync(new Uri(BaseAddress, "/health/ready").ToString(), StartTimeout);
        Api = new HttpClient { BaseAddress = BaseAddress };
        var token = await Poll.UntilAsync(IssueTokenAsync, t => t is not null, TimeSpan.FromSeconds(30));
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // The machine running these is shared and often loaded: server round trips of a few seconds are normal there.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// A fresh browser context (its own cookies) signed in as the bootstrap admin, or as the given user; a tablet's
    /// size unless another viewport is given.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string email = AdminEmail, string password = AdminPassword, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await WaitForLiveAsync(page);
        return page;
    }

    /// <summary>Waits until the page is interactive and listening to the event feed (set after the first interactive render).</summary>
    public static Task WaitForLiveAsync(IPage page) =>
        page.Locator("[data-testid=live-ready][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Fails when the page is wider than the window (a tablet user would have to scroll sideways), naming what sticks out.</summary>
    public static async Task AssertFitsTheWidthAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<string>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return '';
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`)
                .join('; ') || `scrollWidth ${document.documentElement.scrollWidth} > ${width}`;
            }
            """);
        Assert.True(overflow.Length == 0, $"{page.Url} is wider than the window: {overflow}");
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>Creates a manual order through <c>POST /api/orders</c> and returns its id.</summary>
    /// <summary>
    /// An order of the account <see cref="ByHandAccount"/>, whose only flow waits a day: nothing there takes an accept
    /// by hand further (the standard flow would close its accept task with it and put the order in progress at once).
    /// </summary>
    public async Task<Guid> CreateOrderDecidedByHandAsync(string platformOrderId, string customer)
    {
        await (_byHandFlow ??= CreateByHandFlowAsync());
        return await CreateOrderAsync(platformOrderId, customer, account: ByHandAccount);
    }

    public const string ByHandAccount = "browser-by-hand";

    private Task? _byHandFlow;

    private async Task CreateByHandFlowAsync()
    {
        var response = await Api.PostAsJsonAsync("/api/workflows", new
        {
            id = "browser-by-hand",
            name = "Browser: decided by hand",
            trigger = "OrderReceived",
            appliesTo = $"account == \"{ByHandAccount}\"",
            priority = 900,
            active = true,
            steps = new object[] { new { id = "later", type = "Wait", config = new { waitFor = "1.00:00:00" } } },
        });
        Assert.True(response.IsSuccessStatusCode, $"POST /api/workflows answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<Guid> CreateOrderAsync(string platformOrderId, string customer, decimal price = 25m, string account = "browser-tests")
    {
        var response = await Api.PostAsJsonAsync("/api/orders", new
        {
            platform = "Manual",
            accountId = account,
            platformOrderId,
            customer = new { name = customer, email = "buyer@example.test" },
            currency = "USD",
            items = new[] { new { sku = "SKU-1", name = "Blue mug", quantity = 2, unitPrice = price } },
            shippingFee = 5m,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/orders answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public async Task<string> WorkflowStatusAsync(Guid id)
    {
        using var document = JsonDocument.Parse(await Api.GetStringAsync($"/api/orders/{id}"));
        return document.RootElement.GetProperty("workflowStatus").GetString()!;
    }

    public string ProcessOutput => _process?.Output ?? "";

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        Api?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
        if (Fiscal is not null)
        {
            await Fiscal.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<string?> IssueTokenAsync()
    {
        var response = await Api.PostAsJsonAsync("/api/auth/token", new { email = AdminEmail, password = AdminPassword });
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("accessToken").GetString();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard";
}
