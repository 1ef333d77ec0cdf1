using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;
using OrderActors.Testing;

using OrderActors.EndToEndTests.Infrastructure;

namespace OrderActors.EndToEndTests.Cluster;

/// <summary>
/// The real-time acceptance under failure, with real processes (two silos, an api-host, MariaDB): a silo is killed
/// with SIGKILL in the middle of a burst of orders; every order the api-host acknowledged (2xx) has its
/// <c>OrderReceived</c> in the durable feed (<c>GET /api/events</c>), and no order has it twice.
/// </summary>
public sealed class FeedKillDuringBurstTests(ITestOutputHelper output)
{
    private const int Writers = 12;

    // Counted in acknowledgements, not seconds: on a loaded shared machine one order can take many seconds.
    private const int AcknowledgedBeforeKill = 24;
    private const int AcknowledgedAfterKill = 24;
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Every_order_acknowledged_while_a_silo_is_killed_has_its_OrderReceived_in_the_feed_once()
    {
        var connectionString = await (await MariaDbServer.GetSharedAsync()).CreateDatabaseAsync("e2e_feed_kill");
        await using var cluster = new ClusterProcesses(connectionString);
        await cluster.All.ShowOutputOnFailureAsync(async () =>
        {
            await cluster.MigrateAsync();
            var victim = cluster.StartSilo("silo-1");
            var survivor = cluster.StartSilo("silo-2");
            var api = cluster.StartApiHost();
            await Task.WhenAll(ClusterProcesses.WaitUntilReadyAsync(victim), ClusterProcesses.WaitUntilReadyAsync(survivor), ClusterProcesses.WaitUntilReadyAsync(api));
            using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
            // Retried: the first request after start can take longer than one HTTP timeout on a loaded machine.
            await Poll.UntilAsync(async () =>
            {
                await TestTokens.SignInAsync(http);
                return true;
            }, signedIn => signedIn, PhaseTimeout);

            var acknowledged = new ConcurrentDictionary<Guid, string>();
            var refused = 0;
            using var stop = new CancellationTokenSource();
            var burst = Stopwatch.StartNew();
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var platformOrderId = $"KILL-{w}-{n}-{Guid.NewGuid():N}"[..28];
                    try
                    {
                        using var response = await http.PostAsync("/api/orders", OrderBody(platformOrderId));
                        if (response.IsSuccessStatusCode)
                        {
                            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                            acknowledged[id] = platformOrderId;
                        }
                        else
                        {
                            Interlocked.Increment(ref refused);
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        // No answer is no acknowledgement: the order may or may not exist, and must not appear twice.
                        Interlocked.Increment(ref refused);
                    }
                }
            })).ToList();

            await Poll.UntilAsync(() => Task.FromResult(acknowledged.Count), count => count >= AcknowledgedBeforeKill, PhaseTimeout);
            var beforeKill = acknowledged.Count;
            victim.Process.Kill();
            output.WriteLine($"killed {victim.Process.Name} after {burst.Elapsed}, {beforeKill} orders acknowledged so far");
            await Poll.UntilAsync(() => Task.FromResult(acknowledged.Count), count => count >= beforeKill + AcknowledgedAfterKill, PhaseTimeout);
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            output.WriteLine($"burst over after {burst.Elapsed}: {acknowledged.Count} acknowledged, {refused} refused or unanswered");
            Assert.True(acknowledged.Count > beforeKill, "no order was acknowledged after the kill");

            // Events of orders whose silo died between the state write and the hand-off arrive once the grain is active
            // again (its next call, or the outbox timer on the survivor); wait for all with a deadline.
            var deadline = DateTime.UtcNow.AddSeconds(90);
            List<(long Position, Guid OrderId)> received;
            while (true)
            {
                received = await ReadOrderReceivedAsync(http);
                var missing = acknowledged.Keys.Except(received.Select(r => r.OrderId)).ToList();
                if (missing.Count == 0)
                {
                    break;
                }
                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"{missing.Count} of {acknowledged.Count} acknowledged orders have no OrderReceived in the feed, e.g. {missing[0]}");
                }
                await Task.Delay(500);
            }
            var twice = received.GroupBy(r => r.OrderId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"{twice.Count} orders have OrderReceived more than once, e.g. {twice.FirstOrDefault()}");
            var positions = received.Select(r => r.Position).ToList();
            Assert.Equal(positions.Order(), positions);
            output.WriteLine($"{acknowledged.Count} acknowledged orders, {received.Count} OrderReceived events in the feed, none twice");
        });
    }

    private static StringContent OrderBody(string platformOrderId) => new($$"""
        {"platform":"Manual","platformOrderId":"{{platformOrderId}}",
         "customer":{"name":"Siti Rahman","email":"siti@example.com"},
         "currency":"MYR","items":[{"sku":"TEE-RED-M","name":"Red tee M","quantity":1,"unitPrice":39.90}]}
        """, Encoding.UTF8, "application/json");

    private static async Task<List<(long Position, Guid OrderId)>> ReadOrderReceivedAsync(HttpClient http)
    {
        var events = new List<(long, Guid)>();
        var after = 0L;
        while (true)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/events?after={after}&limit=500");
            events.AddRange(page.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "OrderReceived")
                .Select(e => (e.GetProperty("position").GetInt64(), e.GetProperty("orderId").GetGuid())));
            var last = page.GetProperty("last").GetInt64();
            if (last == after)
            {
                return events;
            }
            after = last;
        }
    }
}
