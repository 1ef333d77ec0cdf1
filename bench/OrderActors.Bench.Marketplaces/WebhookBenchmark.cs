using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrderActors.Hosting;
using OrderActors.Marketplaces.Lazada;
using OrderActors.Marketplaces.Shopee;
using OrderActors.Marketplaces.Shopify;
using OrderActors.Marketplaces.TikTokShop;
using OrderActors.Orders;
using OrderActors.Testing;

namespace OrderActors.Bench.Marketplaces;

/// <summary>
/// A real api-host process (cluster client of the benchmark's silo) on loopback; signed webhooks in each platform's
/// shape POSTed at a fixed rate, round-robin over the four platforms, timed from send to the answer.
/// </summary>
public static class WebhookBenchmark
{
    public static async Task<string> RunAsync(string connectionString, OrderActorsOptions silo, IReadOnlyList<(BenchShop Shop, Guid AccountId)> accounts, int count, double perSecond)
    {
        var port = FreePort.Next();
        await using var apiHost = StartApiHost(connectionString, silo, port);
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        await apiHost.WaitForHttpOkAsync($"{baseUri}health/ready", TimeSpan.FromSeconds(120));
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };

        // Warm-up (JIT, connection, first grain calls), not measured.
        for (var i = 0; i < 20; i++)
        {
            await SendAsync(http, baseUri, accounts[i % accounts.Count], -1 - i);
        }

        var latencies = new List<double>(count);
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            var n = i;
            sends.Add(Task.Run(async () =>
            {
                var (status, ms) = await SendAsync(http, baseUri, accounts[n % accounts.Count], n);
                lock (latencies)
                {
                    if (status == 200)
                    {
                        latencies.Add(ms);
                    }
                    else
                    {
                        failures++;
                    }
                }
            }));
        }
        await Task.WhenAll(sends);
        var byPlatform = string.Join(", ", accounts.Select(a => a.Shop.Platform.ToString()));
        return $"webhook receive ({byPlatform} round-robin, {perSecond}/s, real HTTP to a cluster api-host): {Percentiles.Describe(latencies)}; non-200: {failures}";
    }

    private static async Task<(int Status, double Milliseconds)> SendAsync(HttpClient http, Uri baseUri, (BenchShop Shop, Guid AccountId) account, int sequence)
    {
        var (shop, accountId) = account;
        var path = $"/webhooks/{shop.Platform.ToString().ToLowerInvariant()}/{accountId}";
        var orderId = shop.OrderIds[Math.Abs(sequence) % shop.OrderIds.Count];
        // A distinct event per delivery (update times and ids vary), so each one is verified and stored, none deduplicated.
        var at = 1_700_000_000L + sequence + 10_000;
        var credentials = shop.Credentials;
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        byte[] body;
        switch (shop.Platform)
        {
            case SourcePlatform.Shopee:
                body = Bytes(new { data = new { items = Array.Empty<object>(), ordersn = orderId, status = "READY_TO_SHIP", completed_scenario = "", update_time = at },
                    shop_id = long.Parse(credentials.ShopId, CultureInfo.InvariantCulture), code = 3, timestamp = at });
                request.Headers.TryAddWithoutValidation("Authorization", ShopeeSigner.SignPush(credentials.AppSecret, new Uri(baseUri, path).ToString(), body));
                break;
            case SourcePlatform.Lazada:
                body = Bytes(new { seller_id = credentials.ShopId, message_type = 0,
                    data = new { order_status = "pending", trade_order_id = orderId, trade_order_line_id = $"{orderId}1", status_update_time = at }, timestamp = at * 1000, site = "lazada_vn" });
                request.Headers.TryAddWithoutValidation("Authorization", LazadaSigner.SignPush(credentials.AppKey, credentials.AppSecret, body));
                break;
            case SourcePlatform.Shopify:
                body = Bytes(new { id = long.Parse(orderId, CultureInfo.InvariantCulture), financial_status = "paid", fulfillment_status = (string?)null });
                request.Headers.TryAddWithoutValidation("X-Shopify-Topic", "orders/updated");
                request.Headers.TryAddWithoutValidation("X-Shopify-Hmac-Sha256", ShopifySigner.SignWebhook(credentials.AppSecret, body));
                request.Headers.TryAddWithoutValidation("X-Shopify-Event-Id", $"bench-{Guid.NewGuid():N}");
                break;
            default:
                body = Bytes(new { type = 1, tts_notification_id = $"bench{RandomNumberGenerator.GetInt32(int.MaxValue)}{sequence}", shop_id = credentials.ShopId, timestamp = at,
                    data = new { order_id = orderId, order_status = "AWAITING_SHIPMENT", is_on_hold_order = false, update_time = at } });
                request.Headers.TryAddWithoutValidation("Authorization", TikTokShopSigner.SignWebhook(credentials.AppKey, credentials.AppSecret, body));
                break;
        }
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static byte[] Bytes(object payload) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload));

    private static DotnetProcess StartApiHost(string connectionString, OrderActorsOptions silo, int httpPort) =>
        DotnetProcess.Start("api-host", RepositoryLayout.ApiHostDll, new Dictionary<string, string?>
        {
            ["OrderActors__Mode"] = "Cluster",
            ["OrderActors__ClusterId"] = silo.ClusterId,
            ["OrderActors__ServiceId"] = silo.ServiceId,
            ["ConnectionStrings__OrderActors"] = connectionString,
            ["OrderActors__Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["OrderActors__Bootstrap__AdminEmail"] = "bench-admin@example.com",
            ["OrderActors__Bootstrap__AdminPassword"] = "Maple-Orbit-42-Lantern!",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        }, "--urls", $"http://127.0.0.1:{httpPort}");
}
