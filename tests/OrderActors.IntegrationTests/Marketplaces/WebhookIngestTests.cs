using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderActors.Marketplaces;
using OrderActors.IntegrationTests.Infrastructure;
using OrderActors.Marketplaces.Shopify;
using OrderActors.Marketplaces.Webhooks;
using OrderActors.MarketplaceSim;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>
/// The ingest pipeline under concurrent deliveries: group-committed acknowledgements, deduplication, per-order order of
/// application, Shopify full payloads applied without reading the order from the platform, an acknowledged
/// delivery applied by another host after the receiving one stopped, and deliveries a call had no time left to start
/// handed back untouched.
/// </summary>
public sealed class WebhookIngestTests(MarketplaceFixture fixture) : IClassFixture<MarketplaceFixture>
{
    private readonly AccountApiClient _api = new(fixture);

    [Fact]
    public async Task Concurrent_full_payload_deliveries_are_acknowledged_stored_once_and_applied_without_fetching()
    {
        var (shop, accountId) = await ConnectShopifyAsync();
        var callsBefore = (await shop.StatsAsync()).GetProperty("calls").GetInt32();
        var client = fixture.Api.CreateClient();
        var orders = Enumerable.Range(0, 40).Select(_ => NewOrderId()).ToList();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);

        // Every order delivered twice at the same moment, and once more after all were acknowledged.
        var deliveries = orders.SelectMany(o => new[] { Delivery(shop, accountId, o, 0, at), Delivery(shop, accountId, o, 0, at) }).ToList();
        var answers = await Task.WhenAll(deliveries.Select(d => Task.Run(() => client.SendAsync(d()))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var repeats = await Task.WhenAll(orders.Select(o => Task.Run(() => client.SendAsync(Delivery(shop, accountId, o, 0, at)()))));
        Assert.All(repeats, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var inbox = fixture.Api.Services.GetRequiredService<WebhookInbox>();
        Assert.Equal(orders.Count, await inbox.CountAsync(accountId, CancellationToken.None));

        foreach (var orderId in orders)
        {
            var order = await Eventually.ReturnsAsync(() => _api.OrderAsync(SourcePlatform.Shopify, accountId, orderId), o => o is not null, because: "the full payload is applied");
            Assert.Equal("ReadyToShip", order!.Value.GetProperty("status").GetString());
            Assert.Equal(2, order.Value.GetProperty("items").GetArrayLength());
            Assert.Equal(57.50m, order.Value.GetProperty("totals").GetProperty("grandTotal").GetDecimal());
            Assert.Single(order.Value.GetProperty("history").EnumerateArray());
        }
        // These orders exist nowhere on the simulator: they can only have come from the bodies, and no order was read.
        Assert.Equal(callsBefore, (await shop.StatsAsync()).GetProperty("calls").GetInt32());
    }

    [Fact]
    public async Task One_orders_deliveries_are_applied_in_order_while_other_orders_proceed()
    {
        var (shop, accountId) = await ConnectShopifyAsync();
        var client = fixture.Api.CreateClient();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var watched = NewOrderId();
        var others = Enumerable.Range(0, 30).Select(_ => NewOrderId()).ToList();

        // The watched order goes paid -> fulfilled -> fulfilled and closed, one acknowledged delivery after the other,
        // while deliveries of 30 other orders arrive beside them. Applied out of order, a later state would make an
        // earlier one stale and it would be missing from the history.
        var background = Task.WhenAll(others.Select(o => Task.Run(() => client.SendAsync(Delivery(shop, accountId, o, 0, at)()))));
        for (var revision = 0; revision < 3; revision++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Delivery(shop, accountId, watched, revision, at)())).StatusCode);
        }
        Assert.All(await background, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

        var order = await Eventually.ReturnsAsync(() => _api.OrderAsync(SourcePlatform.Shopify, accountId, watched),
            o => o?.GetProperty("status").GetString() == "Completed", because: "the last delivery of the order is applied");
        var history = order!.Value.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["ReadyToShip", "Shipped", "Completed"], history);
        foreach (var other in others)
        {
            await Eventually.ReturnsAsync(() => _api.OrderAsync(SourcePlatform.Shopify, accountId, other), o => o is not null, because: "every other order is applied too");
        }
    }

    [Fact]
    public async Task An_acknowledged_delivery_is_applied_after_the_receiving_host_stopped()
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, SourcePlatform.Shopify);
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"oa-it-restart-{Guid.NewGuid():N}");
        var orderId = NewOrderId();
        try
        {
            // A receiver that does not apply webhooks takes the delivery, answers 200 and stops at once.
            Guid accountId;
            await using (var receiver = new SharedDirectoryApiFactory(fixture.Simulator, dataDirectory, applyWebhooks: false))
            {
                var accounts = new AccountApiClient(receiver.CreateClientWithPermissions(ApiHost.Security.Permissions.PlatformsManage, ApiHost.Security.Permissions.OrdersRead));
                accountId = await accounts.ConnectAsync(shop);
                var answer = await receiver.CreateClient().SendAsync(Delivery(shop, accountId, orderId, 0, DateTimeOffset.UtcNow.AddMinutes(-1))());
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                Assert.Equal(1, await receiver.Services.GetRequiredService<WebhookInbox>().CountAsync(accountId, CancellationToken.None));
                Assert.Null(await accounts.OrderAsync(SourcePlatform.Shopify, accountId, orderId));
            }
            // The next host on the same data (inbox, grain state, key ring) applies what the stopped one acknowledged.
            await using var applier = new SharedDirectoryApiFactory(fixture.Simulator, dataDirectory, applyWebhooks: true);
            var next = new AccountApiClient(applier.CreateClientWithPermissions(ApiHost.Security.Permissions.OrdersRead));
            await Eventually.ReturnsAsync(() => next.OrderAsync(SourcePlatform.Shopify, accountId, orderId), o => o is not null,
                because: "the stored delivery is applied by the next host");
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task Deliveries_not_started_within_the_call_budget_are_handed_back_untouched_and_applied_by_a_later_call()
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, SourcePlatform.Shopify);
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"oa-it-budget-{Guid.NewGuid():N}");
        try
        {
            // No inbox processor here: the test makes the account grain's calls itself.
            await using var host = new SharedDirectoryApiFactory(fixture.Simulator, dataDirectory, applyWebhooks: false);
            var accounts = new AccountApiClient(host.CreateClientWithPermissions(ApiHost.Security.Permissions.PlatformsManage, ApiHost.Security.Permissions.OrdersRead));
            var accountId = await accounts.ConnectAsync(shop);
            var orders = Enumerable.Range(0, 5).Select(_ => NewOrderId()).ToList();
            var deliveries = new List<WebhookDelivery>();
            foreach (var orderId in orders)
            {
                using var request = Delivery(shop, accountId, orderId, 0, DateTimeOffset.UtcNow.AddMinutes(-5))();
                deliveries.Add(new WebhookDelivery
                {
                    Body = await request.Content!.ReadAsByteArrayAsync(),
                    Headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)),
                    CallbackUrl = $"http://localhost/webhooks/shopify/{accountId}",
                });
            }
            var account = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPlatformAccountGrain>(accountId);
            var options = host.Services.GetRequiredService<IOptions<MarketplaceOptions>>().Value;
            var budget = options.WebhookApplyBudget;

            // A call whose budget is spent before it starts anything (as after slow platform reads): every delivery is
            // handed back as not started, neither applied nor failed, so the processor returns it to the inbox as it was.
            options.WebhookApplyBudget = TimeSpan.FromSeconds(-1);
            var outcomes = await account.ApplyWebhooks(deliveries);
            Assert.All(outcomes, o => Assert.True(o.Deferred && !o.Retry && !o.Settled, $"deferred, not settled and not failed: {o}"));
            foreach (var orderId in orders)
            {
                Assert.Null(await accounts.OrderAsync(SourcePlatform.Shopify, accountId, orderId));
            }

            // The next call, with time to spare, applies them all.
            options.WebhookApplyBudget = budget;
            Assert.All(await account.ApplyWebhooks(deliveries), o => Assert.True(o.Settled, $"applied: {o}"));
            foreach (var orderId in orders)
            {
                var order = await Eventually.ReturnsAsync(() => accounts.OrderAsync(SourcePlatform.Shopify, accountId, orderId), o => o is not null, because: "the later call applied it");
                Assert.Single(order!.Value.GetProperty("history").EnumerateArray());
            }
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task A_replaced_secret_stops_verifying_within_the_cache_bound_and_what_it_signed_meanwhile_is_never_applied()
    {
        var (shop, accountId) = await ConnectShopifyAsync();
        var client = fixture.Api.CreateClient();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Delivery(shop, accountId, NewOrderId(), 0, at)())).StatusCode); // the host now holds the key

        const string rotated = "rotated-client-secret";
        var c = shop.Credentials;
        (await _api.Http.PatchAsJsonAsync($"/api/platform-accounts/{accountId}", new
        {
            credentials = new { appKey = c.AppKey, appSecret = rotated, shopId = c.ShopId, accessToken = c.AccessToken, refreshToken = c.RefreshToken, accessTokenExpiresAt = c.AccessTokenExpiresAt },
        })).EnsureSuccessStatusCode();
        var changed = Stopwatch.StartNew();

        // The old secret passes the door only while the host's cached key lives (2 s by default).
        var acceptedWithOldSecret = new List<string>();
        while (true)
        {
            var orderId = NewOrderId();
            var status = (await client.SendAsync(Delivery(shop, accountId, orderId, 0, at)())).StatusCode;
            if (status == HttpStatusCode.Unauthorized)
            {
                break;
            }
            Assert.Equal(HttpStatusCode.OK, status);
            acceptedWithOldSecret.Add(orderId);
            Assert.True(changed.Elapsed < TimeSpan.FromSeconds(10), "the replaced secret was still accepted after 10 s");
            await Task.Delay(100);
        }

        var signedWithNew = NewOrderId();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Delivery(shop, accountId, signedWithNew, 0, at, rotated)())).StatusCode);
        await Eventually.ReturnsAsync(() => _api.OrderAsync(SourcePlatform.Shopify, accountId, signedWithNew), o => o is not null, because: "a delivery signed with the new secret is applied");
        // Stored before it, in the same account's queue, so already settled: none was applied.
        foreach (var orderId in acceptedWithOldSecret)
        {
            Assert.Null(await _api.OrderAsync(SourcePlatform.Shopify, accountId, orderId));
        }
    }

    private async Task<(SimulatedShop Shop, Guid AccountId)> ConnectShopifyAsync()
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, SourcePlatform.Shopify);
        var started = DateTimeOffset.UtcNow;
        var accountId = await _api.ConnectAsync(shop);
        await _api.WaitForSyncAsync(accountId, started);
        return (shop, accountId);
    }

    private static string NewOrderId() => Random.Shared.NextInt64(5_000_000_000_000, 5_999_999_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A signed orders/create (revision 0) or orders/updated delivery with the whole order in Shopify's REST shape:
    /// revision 0 paid, 1 fulfilled, 2 fulfilled and closed, each updated a minute after the one before.
    /// </summary>
    private static Func<HttpRequestMessage> Delivery(SimulatedShop shop, Guid accountId, string orderId, int revision, DateTimeOffset createdAt, string? secret = null)
    {
        var updated = createdAt.AddMinutes(revision);
        static string Iso(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        static object Money(string amount) => new { shop_money = new { amount, currency_code = "SGD" }, presentment_money = new { amount, currency_code = "SGD" } };
        var address = new { first_name = "Mei", last_name = "Tan", name = "Mei Tan", address1 = "1 Orchard Road", address2 = (string?)null, city = "Singapore", province = "", zip = "238801", country_code = "SG", phone = "+6590000000" };
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            id = long.Parse(orderId, CultureInfo.InvariantCulture),
            name = $"#{orderId[^4..]}",
            email = "mei@example.com",
            created_at = Iso(createdAt),
            updated_at = Iso(updated),
            processed_at = Iso(createdAt),
            closed_at = revision >= 2 ? Iso(updated) : null,
            cancelled_at = (string?)null,
            currency = "SGD",
            financial_status = "paid",
            fulfillment_status = revision >= 1 ? "fulfilled" : null,
            subtotal_price = "52.50",
            total_discounts = "0.00",
            total_tax = "0.00",
            total_price = "57.50",
            total_price_set = Money("57.50"),
            total_shipping_price_set = Money("5.00"),
            customer = new { first_name = "Mei", last_name = "Tan", email = "mei@example.com" },
            shipping_address = address,
            line_items = new[]
            {
                new { id = 1L, sku = "MANGO-1KG", name = "Dried mango", variant_title = "1 kg", quantity = 1, price = "30.00", price_set = Money("30.00") },
                new { id = 2L, sku = "KAYA-250", name = "Kaya jam", variant_title = "250 g", quantity = 1, price = "22.50", price_set = Money("22.50") },
            },
        }));
        var signature = ShopifySigner.SignWebhook(secret ?? shop.Credentials.AppSecret, body);
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/shopify/{accountId}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Shopify-Topic", revision == 0 ? "orders/create" : "orders/updated");
            request.Headers.Add("X-Shopify-Hmac-Sha256", signature);
            request.Headers.Add("X-Shopify-Event-Id", $"{orderId}-{revision}");
            request.Headers.Add("X-Shopify-Shop-Domain", $"{shop.ShopId}.myshopify.com");
            return request;
        };
    }

    /// <summary>An api-host on another host's data directory (same SQLite files, grain state and key ring).</summary>
    private sealed class SharedDirectoryApiFactory(RunningSimulator simulator, string dataDirectory, bool applyWebhooks) : ApiFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                foreach (var (key, value) in simulator.ConnectorSettings)
                {
                    settings[key] = value;
                }
                settings["OrderActors:DataDirectory"] = dataDirectory;
                settings["Marketplaces:ApplyWebhooks"] = applyWebhooks ? "true" : "false";
                return settings;
            }
        }
    }
}
