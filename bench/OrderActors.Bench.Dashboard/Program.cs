using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using MySqlConnector;
using OrderActors.Testing;

namespace OrderActors.Bench.Dashboard;

/// <summary>
/// Times the dashboard's orders page in headless chromium against a MariaDB read model (seeded with
/// <c>bench/OrderActors.Bench.ReadModel seed</c>): the built silo and api-host run in cluster mode on that database,
/// a signed-in browser opens the orders page again and again, and the page itself reports when the first row of the
/// first page is in the document. Bounded: a fixed number of runs, each with a timeout.
/// </summary>
public static class Program
{
    private const string AdminEmail = "bench-admin@dashboard.test";
    private const string AdminPassword = "dashboard-bench-horse-battery-42";
    private const double BudgetMilliseconds = 500;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(240);

    // Installed before any page script: records performance.now() (ms since the navigation started) when the first
    // order row is in the document, and the first contentful paint.
    private const string FirstRowProbe = """
        window.__firstRowAt = null;
        new MutationObserver((_, observer) => {
            if (document.querySelector('[data-testid=order-link]')) { window.__firstRowAt = performance.now(); observer.disconnect(); }
        }).observe(document, { childList: true, subtree: true });
        """;

    // An in-app navigation over the circuit: click the menu's Orders link and wait for the table's first row.
    private const string ClickOrdersAndWait = """
        () => new Promise((resolve, reject) => {
            const started = performance.now();
            const link = document.querySelector('nav a[href="orders"]');
            if (!link) { reject(new Error('no Orders link in the menu')); return; }
            const check = () => document.querySelector('[data-testid=orders-table] [data-testid=order-link]')
                ? resolve(performance.now() - started) : requestAnimationFrame(check);
            link.click();
            requestAnimationFrame(check);
        })
        """;

    public static async Task<int> Main(string[] args)
    {
        // Usage: dotnet run -c Release --project bench/OrderActors.Bench.Dashboard -- --connection "Server=...;Database=...;User ID=...;Password=..." [--runs 20]
        var connection = Value(args, "--connection") ?? Environment.GetEnvironmentVariable("ORDERACTORS_SEED_CONNECTION");
        if (string.IsNullOrEmpty(connection))
        {
            Console.Error.WriteLine("--connection \"Server=...;Database=...\" (a MariaDB read model seeded with bench/OrderActors.Bench.ReadModel seed) is required.");
            return 2;
        }
        var runs = int.Parse(Value(args, "--runs") ?? "20", CultureInfo.InvariantCulture);

        long orders;
        await using (var db = new MySqlConnection(connection))
        {
            await db.OpenAsync();
            await using var count = new MySqlCommand("SELECT COUNT(*) FROM orders", db);
            orders = Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        Line($"Dashboard orders page: {orders:N0} orders in the read model, {runs} runs per kind, {Environment.ProcessorCount} cores, " +
             $"load average {File.ReadAllText("/proc/loadavg").Trim()}, configuration {RepositoryLayout.Configuration}");

        var clusterId = $"dash-bench-{Guid.NewGuid():N}"[..20];
        Dictionary<string, string?> ClusterEnvironment(Dictionary<string, string?> extra)
        {
            extra["ASPNETCORE_ENVIRONMENT"] = "Production";
            extra["OrderActors__Mode"] = "Cluster";
            extra["OrderActors__ClusterId"] = clusterId;
            extra["OrderActors__ServiceId"] = clusterId;
            extra["ConnectionStrings__OrderActors"] = connection;
            extra["Serilog__MinimumLevel__Default"] = "Warning";
            return extra;
        }
        var siloUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var silo = DotnetProcess.Start("silo", RepositoryLayout.SiloDll, ClusterEnvironment(new()
        {
            ["OrderActors__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["OrderActors__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["OrderActors__AdvertisedAddress"] = "127.0.0.1",
        }), "--urls", siloUrl);
        await silo.WaitForHttpOkAsync(siloUrl + "/health/ready", StartTimeout);
        var apiUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var api = DotnetProcess.Start("api-host", RepositoryLayout.ApiHostDll, ClusterEnvironment(new()
        {
            ["OrderActors__Bootstrap__AdminEmail"] = AdminEmail,
            ["OrderActors__Bootstrap__AdminPassword"] = AdminPassword,
            ["OrderActors__Security__SignInPermitsPerMinute"] = "10000",
        }), "--urls", apiUrl);
        await api.WaitForHttpOkAsync(apiUrl + "/health/ready", StartTimeout);
        await BenchAdmin.EnsureAsync(connection, AdminEmail, AdminPassword);
        Line("silo and api-host ready (cluster mode on the seeded database)");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = apiUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.AddInitScriptAsync(FirstRowProbe);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await SignInAsync(page);

        // Warm-up (first render of each component, JIT, connection pools), not counted.
        for (var i = 0; i < 3; i++)
        {
            await FullNavigationAsync(page);
            await InAppNavigationAsync(page);
        }
        var full = new List<double>();
        var inApp = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            full.Add(await FullNavigationAsync(page));
            inApp.Add(await InAppNavigationAsync(page));
        }
        Report("full page load of /orders (navigation start -> first row in the document)", full);
        Report("in-app navigation from the overview (menu click -> first row rendered)", inApp);
        Line($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        var worstMedian = Math.Max(Percentile(full, 50), Percentile(inApp, 50));
        Line(worstMedian <= BudgetMilliseconds
            ? $"OK: both medians are within {BudgetMilliseconds} ms"
            : $"OVER BUDGET: a median is above {BudgetMilliseconds} ms");
        return worstMedian <= BudgetMilliseconds ? 0 : 1;
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await WaitForLiveAsync(page);
    }

    private static Task WaitForLiveAsync(IPage page) =>
        page.Locator("[data-testid=live-ready][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static async Task<double> FullNavigationAsync(IPage page)
    {
        await page.GotoAsync("/orders", new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("[data-testid=order-link]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var at = await page.EvaluateAsync<double?>("() => window.__firstRowAt");
        // Let the circuit start before the next navigation, as a person would.
        await WaitForLiveAsync(page);
        return at ?? throw new InvalidOperationException("The first-row probe did not fire.");
    }

    private static async Task<double> InAppNavigationAsync(IPage page)
    {
        await page.GotoAsync("/");
        await WaitForLiveAsync(page);
        var elapsed = await page.EvaluateAsync<double>(ClickOrdersAndWait);
        await page.WaitForURLAsync(url => url.EndsWith("/orders", StringComparison.Ordinal));
        return elapsed;
    }

    private static void Report(string what, List<double> samples) =>
        Line($"{what}: median {Percentile(samples, 50):0} ms, p95 {Percentile(samples, 95):0} ms, max {samples.Max():0} ms, min {samples.Min():0} ms (n={samples.Count})");

    private static double Percentile(List<double> samples, double p)
    {
        var sorted = samples.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static void Line(string text) => Console.WriteLine($"[{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z] {text}");
}
