using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OrderActors.Events;
using OrderActors.MarketplaceSim;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;
using OrderActors.Testing;

namespace OrderActors.Bench.Ingest.EndToEnd;

/// <summary>
/// The end-to-end benchmark for one mode and one platform mix: <see cref="BenchSettings.Appenders"/>
/// concurrent senders post signed webhooks (each for a new order on the simulator) for the configured time, as fast
/// as they are acknowledged; SignalR clients on the same api-host record when each order's <c>OrderReceived</c>
/// arrives. Sender and receivers share this process's monotonic clock, so webhook-sent -> event-received is exact.
/// </summary>
public static class WebhookLoadBenchmark
{
    private const int Listeners = 4;
    private const int WarmUpOrders = 40;
    private const double WarmUpRate = 60;

    public sealed record Result(
        string Name, int Acknowledged, int Failed, double OrdersPerSecond, double[] Ack, double[] EndToEnd, int Delivered,
        double CoresUsed, long WorkingSetBytes, int PayloadBytes)
    {
        /// <summary>Receive-only runs: how the applier caught up after the measured receipt.</summary>
        public Drain? Drain { get; init; }

        public override string ToString() =>
            $"{Name}: {OrdersPerSecond:F0} orders/s acknowledged ({Acknowledged} ok, {Failed} failed); ack {Percentiles.Describe(Ack)}; " +
            (Drain is { } drain
                ? $"then {drain}, {Delivered}/{Acknowledged} events received in all; "
                : $"webhook -> OrderReceived {Percentiles.Describe(EndToEnd)} ({Delivered}/{Acknowledged} events received); ") +
            $"CPU {CoresUsed:F2} cores of {Environment.ProcessorCount}; memory {WorkingSetBytes / 1024 / 1024} MiB; mean body {PayloadBytes} B";
    }

    /// <param name="ReadyAfter">From the applier's launch to its readiness.</param>
    /// <param name="Applied">Events of the acknowledged orders received once the applier was ready.</param>
    /// <param name="AppliedIn">From the applier's readiness to the last of those events (or the time-out).</param>
    public sealed record Drain(TimeSpan ReadyAfter, int Applied, TimeSpan AppliedIn)
    {
        public override string ToString() =>
            $"an applying api-host ready after {ReadyAfter.TotalSeconds:F1} s delivered {Applied} OrderReceived events " +
            $"in the {AppliedIn.TotalSeconds:F1} s after it was ready ({Applied / Math.Max(AppliedIn.TotalSeconds, 0.001):F0} orders/s applied)";
    }

    /// <param name="targetRate">Orders/s to pace the senders at (webhook n is sent at n / rate seconds, or at once when the
    /// senders are behind); null sends closed-loop, each sender's next webhook when the previous one is answered.</param>
    public static async Task<Result> RunAsync(string name, Func<RunningSimulator, Task<BenchNodes>> start, SourcePlatform[] mix, BenchSettings settings, double? targetRate = null)
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorSettings { OrdersPerMinute = 0 });
        await using var nodes = await start(simulator);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = new Uri(nodes.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var token = await SignInAsync(http);
        using var admin = new HttpClient { BaseAddress = new Uri(nodes.BaseUrl) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var shops = new List<BenchShop>();
        foreach (var (platform, n) in mix.Distinct().Select((p, n) => (p, n)))
        {
            var shop = BenchShop.Create(simulator, platform, n);
            var connected = await admin.PostAsJsonAsync("/api/platform-accounts", shop.ConnectRequest());
            if (!connected.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Connecting {platform} failed: {(int)connected.StatusCode} {await connected.Content.ReadAsStringAsync()}");
            }
            shop.AccountId = (await connected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            shops.Add(shop);
        }

        var sent = new ConcurrentDictionary<Guid, long>();
        var endToEnd = new ConcurrentBag<double>();
        var listeners = new List<HubConnection>();
        for (var i = 0; i < Listeners; i++)
        {
            listeners.Add(await ListenAsync(nodes.BaseUrl, token, sent, endToEnd, first: i == 0));
        }

        // Warm-up, not measured: first activations and connection pools, then paced webhooks for a while so the JIT's
        // tiers settle (a profile taken right after a short warm-up spent a fifth of the silo's CPU compiling).
        var warm = Enumerable.Range(0, WarmUpOrders).Select(i => SendAsync(http, simulator, shops[i % shops.Count], sent, null, null)).ToList();
        await Task.WhenAll(warm);
        var warmClock = Stopwatch.StartNew();
        for (var n = 0; warmClock.Elapsed < settings.WarmUp; n++)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => SendAsync(http, simulator, shops[(n * 4 + i) % shops.Count], sent, null, null)));
            await Task.Delay(TimeSpan.FromSeconds(4.0 / WarmUpRate));
        }
        if (!settings.ReceiveOnly)
        {
            await WaitAsync(() => endToEnd.Count >= sent.Count * 0.98, TimeSpan.FromSeconds(90));
        }
        sent.Clear();
        endToEnd.Clear();

        var acks = new ConcurrentBag<double>();
        var failed = 0;
        var bodyBytes = new ConcurrentBag<int>();
        var (cpuBefore, _) = nodes.Sample();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, settings.Appenders).Select(w => Task.Run(async () =>
        {
            for (var n = w; clock.Elapsed < settings.Duration; n += settings.Appenders)
            {
                if (targetRate is { } rate && TimeSpan.FromSeconds(n / rate) - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                    if (clock.Elapsed >= settings.Duration)
                    {
                        break;
                    }
                }
                if (!await SendAsync(http, simulator, shops[n % shops.Count], sent, acks, bodyBytes))
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToList();
        var peakMemory = 0L;
        while (!Task.WhenAll(workers).IsCompleted)
        {
            peakMemory = Math.Max(peakMemory, nodes.Sample().WorkingSetBytes);
            await Task.Delay(500);
        }
        await Task.WhenAll(workers);
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var (cpuAfter, memory) = nodes.Sample();
        var cores = (cpuAfter - cpuBefore).TotalSeconds / sendSeconds;
        var drain = settings.ReceiveOnly ? await DrainAsync(nodes, acks.Count, endToEnd) : null;
        if (drain is null)
        {
            await WaitAsync(() => endToEnd.Count >= acks.Count, TimeSpan.FromSeconds(45));
        }
        await Task.WhenAll(listeners.Select(l => l.DisposeAsync().AsTask()));
        return new Result(
            name, acks.Count, failed, acks.Count / sendSeconds, [.. acks], drain is null ? [.. endToEnd] : [], endToEnd.Count, cores, Math.Max(peakMemory, memory),
            bodyBytes.IsEmpty ? 0 : (int)bodyBytes.Average())
        {
            Drain = drain,
        };
    }

    /// <summary>Starts an applying api-host and waits (at most 10 minutes) until every acknowledged order's event arrived.</summary>
    private static async Task<Drain> DrainAsync(BenchNodes nodes, int acknowledged, ConcurrentBag<double> received)
    {
        var clock = Stopwatch.StartNew();
        await nodes.StartApplierAsync();
        var readyAfter = clock.Elapsed;
        var receivedWhenReady = received.Count;
        await WaitAsync(() => received.Count >= acknowledged, TimeSpan.FromMinutes(10));
        return new Drain(readyAfter, received.Count - receivedWhenReady, clock.Elapsed - readyAfter);
    }

    /// <summary>Creates the order on the platform, then delivers its signed webhook; true when acknowledged (2xx).</summary>
    private static async Task<bool> SendAsync(HttpClient http, RunningSimulator simulator, BenchShop shop, ConcurrentDictionary<Guid, long> sent,
        ConcurrentBag<double>? acks, ConcurrentBag<int>? bodyBytes)
    {
        var order = simulator.Orders.Create(shop.Shop, SimStage.ToShip);
        var webhook = SignedWebhook.For(shop, order, http.BaseAddress + shop.WebhookPath.TrimStart('/'));
        using var request = new HttpRequestMessage(HttpMethod.Post, shop.WebhookPath) { Content = new ByteArrayContent(webhook.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (header, value) in webhook.Headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }
        var started = Stopwatch.GetTimestamp();
        sent[shop.OrderIdOf(order.Id)] = started;
        try
        {
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }
            acks?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            bodyBytes?.Add(webhook.Body.Length);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<HubConnection> ListenAsync(string baseUrl, string token, ConcurrentDictionary<Guid, long> sent, ConcurrentBag<double> endToEnd, bool first)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), "/hubs/orders"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        connection.On<JsonElement>(FeedEventTypes.OrderReceived, message =>
        {
            // Every listener receives every event; the first one's clock is the measure, the others are load.
            if (first && message.TryGetProperty("orderId", out var id) && sent.TryGetValue(id.GetGuid(), out var started))
            {
                endToEnd.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        await connection.StartAsync();
        return connection;
    }

    private static async Task<string> SignInAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { email = BenchNodes.AdminEmail, password = BenchNodes.AdminPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!done() && clock.Elapsed < timeout)
        {
            await Task.Delay(100);
        }
    }
}
