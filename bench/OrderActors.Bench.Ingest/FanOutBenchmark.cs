using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderActors.ApiHost.Security;
using OrderActors.Events;
using OrderActors.Testing;

namespace OrderActors.Bench.Ingest;

/// <summary>
/// A real api-host process (embedded mode) on loopback; N SignalR clients over WebSockets; events appended to its
/// feed through an Orleans client at a fixed rate. Latency is append-called -> message-received, measured with one
/// monotonic clock because the sender and the receivers share this process.
/// </summary>
public static class FanOutBenchmark
{
    private const string ClusterId = "orderactors";

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var httpPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        using var apiHost = StartApiHost(key, httpPort, gatewayPort);
        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{httpPort}");
            await WaitUntilLiveAsync(baseUri, apiHost);
            using var orleans = await ConnectOrleansClientAsync(gatewayPort);
            var feed = orleans.Services.GetRequiredService<IClusterClient>().GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);

            var token = await SignInAsync(baseUri);
            var latencies = new ConcurrentBag<double>();
            var connectClock = Stopwatch.StartNew();
            var connections = await ConnectAllAsync(baseUri, token, settings.Connections, latencies);
            var connectSeconds = connectClock.Elapsed.TotalSeconds;

            // Warm-up (JIT, first activations), not measured.
            for (var i = 0; i < 20; i++)
            {
                await feed.Append([NewEvent()]);
            }
            var warmDeadline = Stopwatch.StartNew();
            while (latencies.Count < 20L * connections.Count && warmDeadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }
            latencies.Clear();

            var total = (int)(settings.EventsPerSecond * settings.Duration.TotalSeconds);
            var sendClock = Stopwatch.StartNew();
            var appends = new List<Task>(total);
            var appendLatencies = new ConcurrentBag<double>();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / settings.EventsPerSecond);
                if (due > sendClock.Elapsed)
                {
                    await Task.Delay(due - sendClock.Elapsed);
                }
                appends.Add(TimedAppendAsync(feed, appendLatencies));
            }
            await Task.WhenAll(appends);
            var expected = (long)total * connections.Count;
            var drainDeadline = Stopwatch.StartNew();
            while (latencies.Count < expected && drainDeadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }
            var delivered = latencies.Count;
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
            return $"SignalR fan-out: {connections.Count} WebSocket connections (connected in {connectSeconds:F1} s), {settings.EventsPerSecond} events/s for {settings.Duration.TotalSeconds:F0} s " +
                   $"= {settings.EventsPerSecond * connections.Count} messages/s; delivered {delivered}/{expected}; append->receive latency {Percentiles.Describe(latencies)}; " +
                   $"append call alone {Percentiles.Describe(appendLatencies)}";
        }
        finally
        {
            if (!apiHost.HasExited)
            {
                apiHost.Kill(entireProcessTree: true);
                await apiHost.WaitForExitAsync();
            }
        }
    }

    private const string BenchAdminEmail = "bench-admin@example.com";
    private const string BenchAdminPassword = "Maple-Orbit-42-Lantern!";

    /// <summary>Signs in through the real token endpoint as the bootstrap administrator (who holds every permission).</summary>
    private static async Task<string> SignInAsync(Uri baseUri)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        using var response = await http.PostAsync("/api/auth/token", new StringContent(
            JsonSerializer.Serialize(new { email = BenchAdminEmail, password = BenchAdminPassword }), System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static Process StartApiHost(string signingKey, int httpPort, int gatewayPort)
    {
        var dll = FindApiHostDll();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{httpPort}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["OrderActors__Mode"] = "Embedded";
        start.Environment["OrderActors__DataDirectory"] = Directory.CreateTempSubdirectory("oa-bench-host-").FullName;
        start.Environment["OrderActors__SiloPort"] = FreePort.Next().ToString();
        start.Environment["OrderActors__GatewayPort"] = gatewayPort.ToString();
        start.Environment["OrderActors__Jwt__SigningKey"] = signingKey;
        start.Environment["OrderActors__Bootstrap__AdminEmail"] = BenchAdminEmail;
        start.Environment["OrderActors__Bootstrap__AdminPassword"] = BenchAdminPassword;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The api-host did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[api-host] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string FindApiHostDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrderActors.sln")))
        {
            dir = dir.Parent;
        }
        if (dir is null)
        {
            throw new InvalidOperationException("Run the benchmark from its build output inside the repository.");
        }
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(dir.FullName, "api-host", "bin", configuration, "net10.0", "OrderActors.ApiHost.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the api-host first ({configuration}).", dll);
    }

    private static async Task WaitUntilLiveAsync(Uri baseUri, Process apiHost)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (apiHost.HasExited)
            {
                throw new InvalidOperationException($"The api-host exited with {apiHost.ExitCode}.");
            }
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The api-host did not become ready in 90 s.");
    }

    private static async Task<IHost> ConnectOrleansClientAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, ClusterId, ClusterId));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<List<HubConnection>> ConnectAllAsync(Uri baseUri, string token, int count, ConcurrentBag<double> latencies)
    {
        var connections = new ConcurrentBag<HubConnection>();
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(baseUri, "/hubs/orders"), o =>
                    {
                        o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                    })
                    .Build();
                connection.On<JsonElement>(FeedEventTypes.OrderReceived, message =>
                {
                    var sent = message.GetProperty("payload").GetProperty("sent").GetInt64();
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                });
                await connection.StartAsync();
                connections.Add(connection);
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. connections];
    }

    private static async Task TimedAppendAsync(IEventFeedGrain feed, ConcurrentBag<double> latencies)
    {
        var started = Stopwatch.GetTimestamp();
        await feed.Append([NewEvent()]);
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static FeedEvent NewEvent() => new()
    {
        EventId = Guid.NewGuid(),
        Type = FeedEventTypes.OrderReceived,
        OccurredAt = DateTimeOffset.UtcNow,
        RequiredPermission = Permissions.OrdersRead,
        Platform = "Shopify",
        OrderId = Guid.NewGuid(),
        Payload = $$"""{"sent":{{Stopwatch.GetTimestamp()}},"platformOrderId":"B-1","customer":"Siti Rahman","currency":"MYR","grandTotal":84.80}""",
    };
}
