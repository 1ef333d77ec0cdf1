using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.TikTokShop;

/// <summary>TikTok Shop Partner API 202309 (tiktok-shop.md): signed query + body, token header, <c>page_token</c> paging.</summary>
public sealed class TikTokShopConnector(ConnectorHttp http, IOptions<MarketplaceOptions> options, TimeProvider time) : IMarketplaceConnector
{
    public SourcePlatform Platform => SourcePlatform.TikTokShop;

    public TimeSpan MaxWindow => TimeSpan.FromDays(30);

    private string Api => options.Value.TikTokShopApiUrl.TrimEnd('/');

    public string BuildAuthorizationUrl(PlatformCredentials app, string redirectUri, string state) =>
        $"{options.Value.TikTokShopAuthorizePageUrl}?service_id={Uri.EscapeDataString(app.AppKey)}&state={Uri.EscapeDataString(state)}";

    public async Task<PlatformCredentials> ExchangeCodeAsync(PlatformCredentials app, IReadOnlyDictionary<string, string> query, CancellationToken ct)
    {
        if (query.GetValueOrDefault("error") is { } error)
        {
            throw new MarketplaceAuthException(Platform, error, "The seller did not authorize the app.");
        }
        var tokens = await TokenCallAsync(app, "/api/v2/token/get", $"auth_code={Uri.EscapeDataString(query.GetValueOrDefault("code") ?? "")}&grant_type=authorized_code", ct);
        return await ValidateAsync(tokens, ct);
    }

    public Task<PlatformCredentials> RefreshAsync(PlatformCredentials credentials, CancellationToken ct) =>
        TokenCallAsync(credentials, "/api/v2/token/refresh", $"refresh_token={Uri.EscapeDataString(credentials.RefreshToken ?? "")}&grant_type=refresh_token", ct);

    /// <summary>Get Authorized Shops: proves the token and finds the shop's cipher.</summary>
    public async Task<PlatformCredentials> ValidateAsync(PlatformCredentials credentials, CancellationToken ct)
    {
        var reply = await CallAsync(credentials, HttpMethod.Get, "/authorization/202309/shops", [], null, shopScoped: false, ct);
        var shops = (reply.Prop("data") ?? default).Arr("shops").ToList();
        var shop = shops.FirstOrDefault(s => s.Str("id") == credentials.ShopId);
        if (shop.ValueKind != JsonValueKind.Object)
        {
            shop = string.IsNullOrEmpty(credentials.ShopId) && shops.Count > 0
                ? shops[0]
                : throw new MarketplaceAuthException(Platform, "shop_not_authorized", $"Shop {credentials.ShopId} is not authorized for this app.");
        }
        return credentials with { ShopId = shop.Str("id")!, ShopCipher = shop.Str("cipher") };
    }

    public async Task<OrderChangesPage> ListChangedOrdersAsync(MarketplaceAccount account, DateTimeOffset from, DateTimeOffset to, string? cursor, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new { update_time_ge = from.ToUnixTimeSeconds(), update_time_lt = Json.CeilingSecond(to).ToUnixTimeSeconds() });
        var query = new List<KeyValuePair<string, string>> { new("page_size", "100"), new("sort_field", "update_time"), new("sort_order", "ASC") };
        if (cursor is not null)
        {
            query.Add(new("page_token", cursor));
        }
        var reply = await CallAsync(account.Credentials, HttpMethod.Post, "/order/202309/orders/search", query, body, shopScoped: true, ct);
        var data = reply.Prop("data") ?? default;
        var orders = data.Arr("orders").Select(o => TikTokShopOrderMapper.Map(o, account.AccountId)).ToList();
        return new OrderChangesPage(orders, data.NonEmpty("next_page_token"));
    }

    public async Task<OrderSnapshot?> GetOrderAsync(MarketplaceAccount account, string platformOrderId, CancellationToken ct)
    {
        var order = await OrderJsonAsync(account, platformOrderId, ct);
        return order is { } o ? TikTokShopOrderMapper.Map(o, account.AccountId) : null;
    }

    public async Task PushAsync(MarketplaceAccount account, WriteBackRequest request, CancellationToken ct)
    {
        switch (request.Action)
        {
            case WriteBackAction.Shipped:
                var order = await OrderJsonAsync(account, request.PlatformOrderId, ct)
                    ?? throw new MarketplaceRejectedException(Platform, "order_not_found", $"Order {request.PlatformOrderId} not found.");
                var packageId = order.Arr("packages").Select(p => p.Str("id")).FirstOrDefault(p => p is not null)
                    ?? throw new MarketplaceRejectedException(Platform, "no_package", $"Order {request.PlatformOrderId} has no package to ship.");
                object body = request.TrackingNumber is { Length: > 0 } tracking
                    ? new { self_shipment = new { tracking_number = tracking, shipping_provider_id = request.Carrier ?? "" } }
                    : new { handover_method = "PICKUP" };
                await CallAsync(account.Credentials, HttpMethod.Post, $"/fulfillment/202309/packages/{packageId}/ship", [], JsonSerializer.Serialize(body), shopScoped: true, ct);
                break;
            case WriteBackAction.Packed:
                // TikTok has no separate packed step: shipping the package is the seller's action.
                break;
            case WriteBackAction.Cancelled:
                await CancelAsync(account, request, ct);
                break;
        }
    }

    /// <summary>
    /// Seller cancellation is the return-and-refund module's Cancel Order (<c>POST /return_refund/202309/cancellations</c>).
    /// Its reason codes depend on whether the buyer has paid; an order already cancelled is where we want it.
    /// </summary>
    private async Task CancelAsync(MarketplaceAccount account, WriteBackRequest request, CancellationToken ct)
    {
        var order = await OrderJsonAsync(account, request.PlatformOrderId, ct)
            ?? throw new MarketplaceRejectedException(Platform, "order_not_found", $"Order {request.PlatformOrderId} not found.");
        var reason = order.Str("status") switch
        {
            "CANCELLED" or "CANCEL" => null,
            "UNPAID" => "seller_cancel_unpaid_reason_buyer_requested_cancellation",
            "ON_HOLD" or "AWAITING_SHIPMENT" => "seller_cancel_paid_reason_buyer_requested_cancellation",
            var status => throw new MarketplaceRejectedException(Platform, "not_cancellable", $"TikTok Shop does not let the seller cancel an order in status {status}."),
        };
        if (reason is null)
        {
            return;
        }
        var body = JsonSerializer.Serialize(new { order_id = request.PlatformOrderId, cancel_reason = reason });
        await CallAsync(account.Credentials, HttpMethod.Post, "/return_refund/202309/cancellations", [], body, shopScoped: true, ct);
    }

    public bool VerifyWebhook(PlatformCredentials credentials, WebhookDelivery delivery) =>
        TikTokShopSigner.VerifyWebhook(credentials.AppKey, credentials.AppSecret, delivery.Body, delivery.Header("authorization"));

    public WebhookNotice ParseWebhook(MarketplaceAccount account, WebhookDelivery delivery)
    {
        var root = JsonDocument.Parse(delivery.Body).RootElement;
        var data = root.Prop("data") ?? default;
        var type = root.Long("type");
        var eventId = root.NonEmpty("tts_notification_id") ?? $"{root.Str("shop_id")}:{type}:{data.Str("order_id")}:{data.Str("order_status")}:{data.Str("update_time")}";
        return type switch
        {
            1 or 2 or 3 or 4 or 11 or 12 when data.Str("order_id") is { } orderId => new WebhookNotice(eventId, WebhookKind.OrderChanged, orderId),
            6 => new WebhookNotice(eventId, WebhookKind.AuthorizationRevoked, null),
            _ => new WebhookNotice(eventId, WebhookKind.Ignored, null),
        };
    }

    private async Task<JsonElement?> OrderJsonAsync(MarketplaceAccount account, string orderId, CancellationToken ct)
    {
        var reply = await CallAsync(account.Credentials, HttpMethod.Get, "/order/202309/orders", [new("ids", orderId)], null, shopScoped: true, ct);
        var order = (reply.Prop("data") ?? default).Arr("orders").FirstOrDefault();
        return order.ValueKind == JsonValueKind.Object ? order : null;
    }

    private async Task<PlatformCredentials> TokenCallAsync(PlatformCredentials credentials, string path, string grant, CancellationToken ct)
    {
        var url = $"{options.Value.TikTokShopAuthUrl.TrimEnd('/')}{path}?app_key={Uri.EscapeDataString(credentials.AppKey)}&app_secret={Uri.EscapeDataString(credentials.AppSecret)}&{grant}";
        var reply = await http.SendAsync(Platform, HttpMethod.Get, url, null, null, ct);
        var root = reply.Body;
        if (root.ValueKind != JsonValueKind.Object || root.Long("code") != 0)
        {
            throw new MarketplaceAuthException(Platform, root.ValueKind == JsonValueKind.Object ? root.Str("code") ?? "?" : "?", root.ValueKind == JsonValueKind.Object ? root.Str("message") ?? "" : reply.Text);
        }
        var data = root.Prop("data") ?? default;
        return credentials with
        {
            AccessToken = data.Str("access_token"),
            RefreshToken = data.Str("refresh_token") ?? credentials.RefreshToken,
            AccessTokenExpiresAt = data.UnixSeconds("access_token_expire_in"), // absolute Unix seconds, not a duration
        };
    }

    private async Task<JsonElement> CallAsync(PlatformCredentials credentials, HttpMethod method, string path,
        List<KeyValuePair<string, string>> parameters, string? body, bool shopScoped, CancellationToken ct)
    {
        var query = new List<KeyValuePair<string, string>>(parameters)
        {
            new("app_key", credentials.AppKey),
            new("timestamp", time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (shopScoped)
        {
            query.Add(new("shop_cipher", credentials.ShopCipher ?? ""));
        }
        query.Add(new("sign", TikTokShopSigner.Sign(credentials.AppSecret, path, query, body)));
        var url = $"{Api}{path}?{string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"))}";
        var reply = await http.SendAsync(Platform, method, url, body, new Dictionary<string, string> { ["x-tts-access-token"] = credentials.AccessToken ?? "" }, ct);
        var root = reply.Body;
        var code = root.ValueKind == JsonValueKind.Object ? root.Long("code") : null;
        if (code == 0)
        {
            return root;
        }
        var message = root.ValueKind == JsonValueKind.Object ? root.Str("message") ?? "" : reply.Text;
        var codeText = code?.ToString(CultureInfo.InvariantCulture) ?? ((int)reply.Status).ToString(CultureInfo.InvariantCulture);
        throw code switch
        {
            36009002 => new MarketplaceThrottledException(Platform, codeText, message, options.Value.ThrottleWait),
            105002 => new MarketplaceTokenExpiredException(Platform, codeText, message),
            36009003 or 36009007 => new MarketplaceTransientException(Platform, codeText, message),
            106001 or 36009004 or 101000 or 105005 or 36009033 or 105001 or 105003 => new MarketplaceAuthException(Platform, codeText, message),
            _ => new MarketplaceRejectedException(Platform, codeText, message),
        };
    }
}
