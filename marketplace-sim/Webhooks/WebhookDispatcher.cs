using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrderActors.Marketplaces.Lazada;
using OrderActors.Marketplaces.Shopee;
using OrderActors.Marketplaces.Shopify;
using OrderActors.Marketplaces.TikTokShop;
using OrderActors.MarketplaceSim.Model;
using OrderActors.MarketplaceSim.Platforms;
using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Webhooks;

/// <summary>
/// Sends a signed webhook for every order change of a shop that has a target, in the platform's shape, and retries
/// failures on the platform's schedule (divided by <see cref="SimulatorSettings.WebhookRetryTimeScale"/>).
/// </summary>
public sealed class WebhookDispatcher : IDisposable
{
    private static readonly Dictionary<SourcePlatform, TimeSpan[]> Schedules = new()
    {
        [SourcePlatform.Shopee] = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(3)],
        [SourcePlatform.Lazada] = Enumerable.Repeat(TimeSpan.FromMinutes(30), 12).ToArray(),
        [SourcePlatform.Shopify] = new[] { 1, 2, 4, 8, 16, 32, 64, 113 }.Select(m => TimeSpan.FromMinutes(m)).ToArray(),
        [SourcePlatform.TikTokShop] = [TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30), TimeSpan.FromHours(3), TimeSpan.FromHours(12)],
    };

    private readonly SimState _state;
    private readonly SimulatorSettings _settings;
    private readonly Lazy<HttpClient> _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, SentWebhook> _log = new();
    private long _sequence;

    private readonly ShopeeLostPushes _lost;

    public WebhookDispatcher(SimState state, SimulatorSettings settings, ShopeeLostPushes lost)
    {
        _state = state;
        _lost = lost;
        _settings = settings;
        // Created on first use: an in-process target (a test server) may only exist after the simulator started.
        _http = new Lazy<HttpClient>(() => new HttpClient(settings.WebhookHandlerFactory?.Invoke() ?? new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(10) });
        state.OrderChanged += OnOrderChanged;
    }

    public IReadOnlyList<SentWebhook> Sent => [.. _log.Values.OrderBy(w => w.Id)];

    /// <summary>Sends the same delivery (same bytes, same event id) again: what a platform retry looks like.</summary>
    public async Task<int?> RedeliverAsync(long id)
    {
        if (!_log.TryGetValue(id, out var webhook))
        {
            return null;
        }
        return await SendOnceAsync(webhook);
    }

    private void OnOrderChanged(SimOrder order)
    {
        var shop = _state.FindShop(order.Platform, order.ShopId);
        var app = shop is null ? null : _state.FindApp(shop.Platform, shop.AppKey);
        if (shop?.WebhookTarget is not { } target || app is null)
        {
            return;
        }
        var webhook = Build(Interlocked.Increment(ref _sequence), shop, app, order, target);
        _log[webhook.Id] = webhook;
        _ = Task.Run(() => DeliverWithRetriesAsync(webhook));
    }

    private async Task DeliverWithRetriesAsync(SentWebhook webhook)
    {
        var schedule = Schedules[webhook.Platform];
        for (var attempt = 0; ; attempt++)
        {
            var status = await SendOnceAsync(webhook);
            if (status is >= 200 and < 300 || _stopping.IsCancellationRequested)
            {
                return;
            }
            if (attempt == 0 && webhook.Platform == SourcePlatform.Shopee && _state.FindShop(webhook.Platform, webhook.ShopId) is { } shop)
            {
                // Shopee keeps what it failed to deliver for get_lost_push_message.
                _lost.Add(shop.AppKey, webhook.Body);
            }
            if (attempt >= schedule.Length)
            {
                return;
            }
            try
            {
                await Task.Delay(schedule[attempt] / Math.Max(_settings.WebhookRetryTimeScale, 1e-9), _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int?> SendOnceAsync(SentWebhook webhook)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(webhook.Body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in webhook.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        int? status = null;
        try
        {
            using var response = await _http.Value.SendAsync(request, _stopping.Token);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
        }
        webhook.Record(status);
        return status;
    }

    private SentWebhook Build(long id, SimShop shop, SimApp app, SimOrder order, string url)
    {
        var updated = order.UpdatedAt.ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>();
        byte[] body;
        switch (shop.Platform)
        {
            case SourcePlatform.Shopee:
                body = Bytes(new { data = new { items = Array.Empty<object>(), ordersn = order.Id, status = ShopeeApi.Status(order.Stage), completed_scenario = "", update_time = updated },
                    shop_id = long.Parse(shop.ShopId, CultureInfo.InvariantCulture), code = 3, timestamp = updated });
                headers["Authorization"] = ShopeeSigner.SignPush(app.AppSecret, url, body);
                break;
            case SourcePlatform.Lazada:
                var item = order.Items[0];
                body = Bytes(new { seller_id = shop.ShopId, message_type = 0,
                    data = new { order_status = LazadaApi.ItemStatus(item.Stage), trade_order_id = order.Id, trade_order_line_id = item.Id, status_update_time = updated },
                    timestamp = order.UpdatedAt.ToUnixTimeMilliseconds(), site = $"lazada_{shop.Country.ToLowerInvariant()}" });
                headers["Authorization"] = LazadaSigner.SignPush(app.AppKey, app.AppSecret, body);
                break;
            case SourcePlatform.Shopify:
                body = Bytes(new { id = long.Parse(order.Id, CultureInfo.InvariantCulture), name = $"#{order.Id[^4..]}", email = order.Buyer.Email,
                    financial_status = order.Stage == SimStage.Unpaid ? "pending" : "paid", fulfillment_status = order.Stage is >= SimStage.Shipped and < SimStage.Cancelled ? "fulfilled" : null,
                    cancelled_at = order.Stage == SimStage.Cancelled ? order.UpdatedAt.ToString("o", CultureInfo.InvariantCulture) : null,
                    updated_at = order.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), currency = order.Currency,
                    total_price = order.GrandTotal.ToString("0.00", CultureInfo.InvariantCulture) });
                headers["X-Shopify-Topic"] = order.Revision == 0 ? "orders/create" : "orders/updated";
                headers["X-Shopify-Hmac-Sha256"] = ShopifySigner.SignWebhook(app.AppSecret, body);
                headers["X-Shopify-Shop-Domain"] = $"{shop.ShopId}.myshopify.com";
                headers["X-Shopify-API-Version"] = "2025-01";
                headers["X-Shopify-Webhook-Id"] = Guid.NewGuid().ToString();
                headers["X-Shopify-Event-Id"] = $"{order.Id}-{order.Revision}";
                headers["X-Shopify-Triggered-At"] = order.UpdatedAt.ToString("o", CultureInfo.InvariantCulture);
                break;
            default:
                var status = ShopeeOrTikTokCancel(TikTokShopApi.Status(order.Stage));
                body = Bytes(new { type = 1, tts_notification_id = $"73{order.Id[^10..]}{order.Revision:D4}", shop_id = shop.ShopId, timestamp = updated,
                    data = new { order_id = order.Id, order_status = status, is_on_hold_order = false, update_time = updated } });
                headers["Authorization"] = TikTokShopSigner.SignWebhook(app.AppKey, app.AppSecret, body);
                break;
        }
        return new SentWebhook(id, shop.Platform, shop.ShopId, order.Id, url, body, headers);
    }

    // TikTok's order status webhook spells the cancelled state CANCEL.
    private static string ShopeeOrTikTokCancel(string status) => status == "CANCELLED" ? "CANCEL" : status;

    private static byte[] Bytes(object payload) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload));

    public void Dispose()
    {
        _state.OrderChanged -= OnOrderChanged;
        _stopping.Cancel();
        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }
    }
}

/// <summary>One webhook the simulator sent (with every attempt's HTTP status) and can send again.</summary>
public sealed class SentWebhook(long id, SourcePlatform platform, string shopId, string orderId, string url, byte[] body, IReadOnlyDictionary<string, string> headers)
{
    private readonly List<int?> _attempts = [];

    public long Id { get; } = id;
    public SourcePlatform Platform { get; } = platform;
    public string ShopId { get; } = shopId;
    public string OrderId { get; } = orderId;
    public string Url { get; } = url;
    public byte[] Body { get; } = body;
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public IReadOnlyList<int?> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return [.. _attempts];
            }
        }
    }

    public void Record(int? status)
    {
        lock (_attempts)
        {
            _attempts.Add(status);
        }
    }
}
