using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderActors.ApiHost.Realtime;
using OrderActors.ApiHost.Security;
using OrderActors.Bench.Ingest.FanOut;
using OrderActors.Events;
using OrderActors.Testing;

namespace OrderActors.Bench.Ingest;

/// <summary>
/// 5,000 connections on one api-host: the real api-host process (embedded mode, SQLite) on loopback; N light
/// SignalR clients (<see cref="LightHubClient"/>: one socket each speaking minimal WebSocket, no negotiation) opened at a bounded rate;
/// events appended to its feed through an Orleans client at a fixed rate. Latency is append called -> message
/// received, on one monotonic clock (the sender and the receivers share this process). Reports p50/p95/p99,
/// received/expected, order, and the api-host's CPU and memory.
/// </summary>
public static class FanOutBenchmark
{
    private const string ClusterId = "orderactors";
    private const int ConnectsPerSecond = 500;
    private const int ConnectConcurrency = 64;
    private const int WarmUpEvents = 20;
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AppendTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    public static async Task<string> RunAsync(BenchSettings settings)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var httpPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        await using var apiHost = StartApiHost(key, httpPort, gatewayPort);
        var clients = new List<LightHubClient>();
        using var stop = new CancellationTokenSource();
        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{httpPort}");
            await apiHost.WaitForHttpOkAsync($"{baseUri}health/ready", TimeSpan.FromSeconds(90));
            using var orleans = await ConnectOrleansClientAsync(gatewayPort);
            var feed = orleans.Services.GetRequiredService<IClusterClient>().GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);
            var token = await SignInAsync(baseUri);

            var tally = new FanOutTally();
            var connectClock = Stopwatch.StartNew();
            var (connected, failures) = await ConnectAllAsync(new Uri($"ws://127.0.0.1:{httpPort}{OrdersHub.Route}"), token, settings.Connections, tally, stop.Token);
            clients.AddRange(connected);
            var connectSeconds = connectClock.Elapsed.TotalSeconds;
            var pings = PingLoopAsync(clients, stop.Token);
            Console.WriteLine($"Connected {clients.Count}/{settings.Connections} in {connectSeconds:F1} s ({failures} failed); api-host {Describe(apiHost)}");

            // Warm-up (JIT, first activations): appended before measuring starts, so not counted.
            var warmUp = new AppendTally();
            for (var i = 0; i < WarmUpEvents; i++)
            {
                await TimedAppendAsync(feed, warmUp);
            }
            if (warmUp.Failed == WarmUpEvents)
            {
                return $"SignalR fan-out: {clients.Count} connections; no warm-up append was answered within {AppendTimeout.TotalSeconds:F0} s ({warmUp.LastError}); api-host {Describe(apiHost)}";
            }
            await Task.Delay(TimeSpan.FromSeconds(2));

            using var hostProcess = Process.GetProcessById(apiHost.Id);
            hostProcess.Refresh();
            var hostCpuBefore = hostProcess.TotalProcessorTime;
            var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            tally.StartMeasuring(Stopwatch.GetTimestamp());
            var total = (int)(settings.EventsPerSecond * settings.Duration.TotalSeconds);
            var appends = new List<Task>(total);
            var appendTally = new AppendTally();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / settings.EventsPerSecond);
                if (due > wall.Elapsed)
                {
                    await Task.Delay(due - wall.Elapsed);
                }
                appends.Add(TimedAppendAsync(feed, appendTally));
            }
            await Task.WhenAll(appends);
            var expected = (long)total * clients.Count;
            var lastCount = -1L;
            var progress = Stopwatch.StartNew();
            while (tally.Latency.Count < expected && progress.Elapsed < DrainTimeout)
            {
                if (tally.Latency.Count != lastCount)
                {
                    lastCount = tally.Latency.Count;
                    progress.Restart();
                }
                await Task.Delay(100);
            }
            var seconds = wall.Elapsed.TotalSeconds;
            hostProcess.Refresh();
            var hostCores = (hostProcess.TotalProcessorTime - hostCpuBefore).TotalSeconds / seconds;
            var benchCores = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds / seconds;
            var received = clients.Sum(c => c.Received);
            var outOfOrder = clients.Sum(c => c.OutOfOrder);
            var complete = clients.Count(c => c.Received == total);
            return $"""
                SignalR fan-out: {clients.Count} connections ({failures} failed to connect; opened in {connectSeconds:F1} s), {settings.EventsPerSecond} events/s for {settings.Duration.TotalSeconds:F0} s = {(long)settings.EventsPerSecond * clients.Count:N0} messages/s
                  received {received:N0}/{expected:N0} ({100.0 * received / Math.Max(1, expected):F2} %), clients with every event {complete}/{clients.Count}, out of order {outOfOrder}
                  append -> receive: {tally.Latency.Describe()}
                  append call alone: {appendTally.Latency.Describe()}; appends not answered within {AppendTimeout.TotalSeconds:F0} s: {appendTally.Failed}{(appendTally.LastError is { } error ? $" ({error})" : "")}
                  api-host: {hostCores:F2} cores over {seconds:F1} s (incl. drain), {Describe(apiHost)}; benchmark process (clients + sender): {benchCores:F2} cores
                """;
        }
        finally
        {
            stop.Cancel();
            foreach (var client in clients)
            {
                client.Abort();
            }
        }
    }

    private static string Describe(DotnetProcess node)
    {
        if (node.HasExited)
        {
            return $"exited:\n{node.Tail(4_000)}";
        }
        using var process = Process.GetProcessById(node.Id);
        return $"working set {process.WorkingSet64 / (1024 * 1024)} MiB (peak {process.PeakWorkingSet64 / (1024 * 1024)} MiB)";
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

    private static DotnetProcess StartApiHost(string signingKey, int httpPort, int gatewayPort) =>
        DotnetProcess.Start("api-host", RepositoryLayout.ApiHostDll, new Dictionary<string, string?>
        {
            ["OrderActors__Mode"] = "Embedded",
            ["OrderActors__DataDirectory"] = Directory.CreateTempSubdirectory("oa-bench-host-").FullName,
            ["OrderActors__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OrderActors__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OrderActors__Jwt__SigningKey"] = signingKey,
            ["OrderActors__Bootstrap__AdminEmail"] = BenchAdminEmail,
            ["OrderActors__Bootstrap__AdminPassword"] = BenchAdminPassword,
            ["Serilog__MinimumLevel__Default"] = "Warning",
        }, "--urls", $"http://127.0.0.1:{httpPort}");

    private static async Task<IHost> ConnectOrleansClientAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, ClusterId, ClusterId));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Opens the connections at most <see cref="ConnectsPerSecond"/> a second, <see cref="ConnectConcurrency"/> at a time.</summary>
    private static async Task<(List<LightHubClient> Clients, int Failures)> ConnectAllAsync(
        Uri hub, string token, int count, FanOutTally tally, CancellationToken ct)
    {
        var clients = new ConcurrentBag<LightHubClient>();
        var failures = 0;
        using var gate = new SemaphoreSlim(ConnectConcurrency);
        var clock = Stopwatch.StartNew();
        var attempts = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / ConnectsPerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, ct);
            }
            await gate.WaitAsync(ct);
            attempts.Add(Task.Run(async () =>
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(TimeSpan.FromSeconds(30));
                    clients.Add(await LightHubClient.ConnectAsync(hub, token, tally, timeout.Token));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    if (Interlocked.Increment(ref failures) <= 3)
                    {
                        Console.Error.WriteLine($"Connecting failed: {ex.GetType().Name}: {ex.Message}");
                    }
                }
                finally
                {
                    gate.Release();
                }
            }, ct));
        }
        await Task.WhenAll(attempts);
        return ([.. clients], failures);
    }

    private static async Task PingLoopAsync(IReadOnlyList<LightHubClient> clients, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(PingInterval);
            while (await timer.WaitForNextTickAsync(ct))
            {
                await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (client, token) =>
                {
                    try
                    {
                        await client.PingAsync(token);
                    }
                    catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
                    {
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Appends one event; a failed or unanswered append is counted, not thrown, so the run still reports.</summary>
    private static async Task TimedAppendAsync(IEventFeedGrain feed, AppendTally tally)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await feed.Append([NewEvent()]).WaitAsync(AppendTimeout);
            tally.Latency.Record(started, Stopwatch.GetTimestamp());
        }
        catch (Exception ex)
        {
            tally.Fail(ex);
        }
    }

    private sealed class AppendTally
    {
        private int _failed;

        public LatencyHistogram Latency { get; } = new();

        public int Failed => Volatile.Read(ref _failed);

        public string? LastError { get; private set; }

        public void Fail(Exception ex)
        {
            Interlocked.Increment(ref _failed);
            var error = $"{ex.GetType().Name}: {ex.Message}";
            LastError = error.Length > 160 ? error[..160] + "..." : error;
        }
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
