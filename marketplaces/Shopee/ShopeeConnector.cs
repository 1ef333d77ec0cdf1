using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.Shopee;

/// <summary>Shopee Open Platform v2 (shopee.md): signed query, <c>error</c> field envelope, cursor paging in 15-day windows.</summary>
public sealed class ShopeeConnector(ConnectorHttp http, IOptions<MarketplaceOptions> options, TimeProvider time) : IMarketplaceConnector, ILostPushSource
{
    private const string DetailFields =
        "buyer_user_id,buyer_username,recipient_address,item_list,pay_time,total_amount,package_list,estimated_shipping_fee,actual_shipping_fee,payment_method,cancel_reason,note";

    public SourcePlatform Platform => SourcePlatform.Shopee;

    public TimeSpan MaxWindow => TimeSpan.FromDays(15);

    private string BaseUrl => options.Value.ShopeeBaseUrl.TrimEnd('/');

    public string BuildAuthorizationUrl(PlatformCredentials app, string redirectUri, string state)
    {
        const string path = "/api/v2/shop/auth_partner";
        var ts = time.GetUtcNow().ToUnixTimeSeconds();
        var sign = ShopeeSigner.Sign(app.AppSecret, app.AppKey, path, ts);
        // Shopee does not echo a state parameter, so the state travels inside the redirect URL.
        var redirect = redirectUri + (redirectUri.Contains('?') ? "&" : "?") + "state=" + Uri.EscapeDataString(state);
        return $"{BaseUrl}{path}?partner_id={app.AppKey}&timestamp={ts}&sign={sign}&redirect={Uri.EscapeDataString(redirect)}";
    }

    public async Task<PlatformCredentials> ExchangeCodeAsync(PlatformCredentials app, IReadOnlyDictionary<string, string> query, CancellationToken ct)
    {
        var shopId = query.GetValueOrDefault("shop_id") ?? app.ShopId;
        var body = JsonSerializer.Serialize(new { code = query.GetValueOrDefault("code"), partner_id = PartnerId(app), shop_id = long.Parse(shopId, CultureInfo.InvariantCulture) });
        var reply = await CallAsync(app, HttpMethod.Post, "/api/v2/auth/token/get", [], body, shopApi: false, ct);
        return WithTokens(app with { ShopId = shopId }, reply);
    }

    public async Task<PlatformCredentials> RefreshAsync(PlatformCredentials credentials, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new { refresh_token = credentials.RefreshToken, partner_id = PartnerId(credentials), shop_id = long.Parse(credentials.ShopId, CultureInfo.InvariantCulture) });
        try
        {
            var reply = await CallAsync(credentials, HttpMethod.Post, "/api/v2/auth/access_token/get", [], body, shopApi: false, ct);
            return WithTokens(credentials, reply);
        }
        catch (MarketplaceTokenExpiredException ex)
        {
            throw new MarketplaceAuthException(Platform, ex.Code, "The refresh token was refused; the seller must authorize again.");
        }
    }

    public async Task<PlatformCredentials> ValidateAsync(PlatformCredentials credentials, CancellationToken ct)
    {
        await CallAsync(credentials, HttpMethod.Get, "/api/v2/shop/get_shop_info", [], null, shopApi: true, ct);
        return credentials;
    }

    public async Task<OrderChangesPage> ListChangedOrdersAsync(MarketplaceAccount account, DateTimeOffset from, DateTimeOffset to, string? cursor, CancellationToken ct)
    {
        var list = await CallAsync(account.Credentials, HttpMethod.Get, "/api/v2/order/get_order_list",
        [
            new("time_range_field", "update_time"),
            new("time_from", Json.Unix(from)),
            new("time_to", Json.Unix(to)),
            new("page_size", "100"),
            new("cursor", cursor ?? ""),
            new("response_optional_fields", "order_status"),
        ], null, shopApi: true, ct);
        var response = list.Prop("response") ?? default;
        var ids = response.Arr("order_list").Select(o => o.Str("order_sn")).OfType<string>().ToList();
        var orders = new List<OrderSnapshot>();
        foreach (var chunk in ids.Chunk(50))
        {
            orders.AddRange(await DetailsAsync(account, chunk, ct));
        }
        var next = response.Bool("more") ? response.NonEmpty("next_cursor") : null;
        return new OrderChangesPage(orders, next);
    }

    public async Task<OrderSnapshot?> GetOrderAsync(MarketplaceAccount account, string platformOrderId, CancellationToken ct) =>
        (await DetailsAsync(account, [platformOrderId], ct)).FirstOrDefault();

    public async Task PushAsync(MarketplaceAccount account, WriteBackRequest request, CancellationToken ct)
    {
        switch (request.Action)
        {
            case WriteBackAction.Shipped:
                object body = request.TrackingNumber is { Length: > 0 } tracking
                    ? new { order_sn = request.PlatformOrderId, non_integrated = new { tracking_number = tracking } }
                    : new { order_sn = request.PlatformOrderId, dropoff = new { } };
                await CallAsync(account.Credentials, HttpMethod.Post, "/api/v2/logistics/ship_order", [], JsonSerializer.Serialize(body), shopApi: true, ct);
                break;
            case WriteBackAction.Cancelled:
                await CallAsync(account.Credentials, HttpMethod.Post, "/api/v2/order/cancel_order", [],
                    JsonSerializer.Serialize(new { order_sn = request.PlatformOrderId, cancel_reason = CancelReason(request.Reason) }), shopApi: true, ct);
                break;
            case WriteBackAction.Packed:
                // Shopee has no packed state: arranging shipment (ship_order) is the seller's only step.
                break;
        }
    }

    /// <summary>Public API <c>/api/v2/push/get_lost_push_message</c> (partner-wide, so each message's shop_id matters).</summary>
    public async Task<LostPushBatch> GetLostPushesAsync(MarketplaceAccount account, CancellationToken ct)
    {
        var reply = await CallAsync(account.Credentials, HttpMethod.Post, "/api/v2/push/get_lost_push_message", [], "{}", shopApi: false, ct);
        var response = reply.Prop("response") ?? reply;
        var messages = response.Arr("push_message_list").Select(m =>
        {
            // data is the pushed JSON; accept it as text (as the reference sample) or as an object.
            var data = m.Prop("data") is { ValueKind: JsonValueKind.String } text && text.GetString() is { Length: > 0 } json
                ? JsonDocument.Parse(json).RootElement
                : m.Prop("data") ?? default;
            var code = (int)(m.Long("code") ?? 0);
            return new LostPush(m.Str("shop_id") ?? "", code, code == 3 ? data.Str("ordersn") : null);
        }).ToList();
        var last = response.Long("last_message_id");
        return new LostPushBatch(messages, response.Bool("has_next_page"), last is > 0 ? last : null);
    }

    public async Task ConfirmLostPushesAsync(MarketplaceAccount account, long lastMessageId, CancellationToken ct) =>
        await CallAsync(account.Credentials, HttpMethod.Post, "/api/v2/push/confirm_consumed_lost_push_message", [],
            JsonSerializer.Serialize(new { last_message_id = lastMessageId }), shopApi: false, ct);

    /// <summary>
    /// Shopee takes only its own reason codes; a person's free-text reason becomes CUSTOMER_REQUEST. OUT_OF_STOCK is
    /// not chosen for them because it needs the item list and zeroes the stock.
    /// </summary>
    private static string CancelReason(string? reason) =>
        reason is "CUSTOMER_REQUEST" or "UNDELIVERABLE_AREA" or "COD_NOT_SUPPORTED" ? reason : "CUSTOMER_REQUEST";

    public bool VerifyWebhook(PlatformCredentials credentials, WebhookDelivery delivery) =>
        ShopeeSigner.VerifyPush(credentials.AppSecret, delivery.CallbackUrl, delivery.Body, delivery.Header("authorization"));

    public WebhookNotice ParseWebhook(MarketplaceAccount account, WebhookDelivery delivery)
    {
        var root = JsonDocument.Parse(delivery.Body).RootElement;
        var code = root.Long("code");
        var data = root.Prop("data") ?? default;
        // Shopee pushes carry no event id: the order, its status and update time identify one change.
        return code switch
        {
            3 => new WebhookNotice($"{root.Str("shop_id")}:{data.Str("ordersn")}:{data.Str("status")}:{data.Str("update_time")}", WebhookKind.OrderChanged, data.Str("ordersn")),
            2 => new WebhookNotice($"{root.Str("shop_id")}:deauth:{root.Str("timestamp")}", WebhookKind.AuthorizationRevoked, null),
            _ => new WebhookNotice($"{root.Str("shop_id")}:{code}:{root.Str("timestamp")}", WebhookKind.Ignored, null),
        };
    }

    private async Task<IReadOnlyList<OrderSnapshot>> DetailsAsync(MarketplaceAccount account, IReadOnlyCollection<string> orderSns, CancellationToken ct)
    {
        var reply = await CallAsync(account.Credentials, HttpMethod.Get, "/api/v2/order/get_order_detail",
            [new("order_sn_list", string.Join(',', orderSns)), new("response_optional_fields", DetailFields)], null, shopApi: true, ct);
        return (reply.Prop("response") ?? default).Arr("order_list").Select(o => ShopeeOrderMapper.Map(o, account.AccountId)).ToList();
    }

    private async Task<JsonElement> CallAsync(PlatformCredentials credentials, HttpMethod method, string path,
        List<KeyValuePair<string, string>> parameters, string? body, bool shopApi, CancellationToken ct)
    {
        var ts = time.GetUtcNow().ToUnixTimeSeconds();
        var query = new List<KeyValuePair<string, string>>
        {
            new("partner_id", credentials.AppKey),
            new("timestamp", ts.ToString(CultureInfo.InvariantCulture)),
        };
        if (shopApi)
        {
            query.Add(new("access_token", credentials.AccessToken ?? ""));
            query.Add(new("shop_id", credentials.ShopId));
            query.Add(new("sign", ShopeeSigner.Sign(credentials.AppSecret, credentials.AppKey, path, ts, credentials.AccessToken ?? "", credentials.ShopId)));
        }
        else
        {
            query.Add(new("sign", ShopeeSigner.Sign(credentials.AppSecret, credentials.AppKey, path, ts)));
        }
        query.AddRange(parameters);
        var url = $"{BaseUrl}{path}?{string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"))}";
        var reply = await http.SendAsync(Platform, method, url, body, null, ct);
        var root = reply.Body;
        var error = root.ValueKind == System.Text.Json.JsonValueKind.Object ? root.Str("error") : null;
        if (string.IsNullOrEmpty(error))
        {
            if ((int)reply.Status >= 400)
            {
                throw new MarketplaceRejectedException(Platform, ((int)reply.Status).ToString(CultureInfo.InvariantCulture), reply.Text);
            }
            return root;
        }
        var message = root.Str("message") ?? "";
        throw error switch
        {
            "error_rate_limit" => new MarketplaceThrottledException(Platform, error, message, options.Value.ThrottleWait),
            "error_server" or "error_network" or "error_inner" => new MarketplaceTransientException(Platform, error, message),
            "error_auth" when message.Contains("access_token", StringComparison.OrdinalIgnoreCase) && shopApi => new MarketplaceTokenExpiredException(Platform, error, message),
            "error_auth" or "error_sign" or "invalid_partner_id" or "error_partner_key_expired" or "error_permission" or "invalid_code"
                or "error_shop_refresh_token" or "refresh_token_expired" or "shop_access_expired" or "shop_no_linked" or "shop_banned"
                or "invalid_shop_id" or "error_api_permission" or "api_suspended" => new MarketplaceAuthException(Platform, error, message),
            _ => new MarketplaceRejectedException(Platform, error, message),
        };
    }

    private static long PartnerId(PlatformCredentials credentials) =>
        long.TryParse(credentials.AppKey, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new MarketplaceAuthException(SourcePlatform.Shopee, "invalid_partner_id", "partner_id must be a number.");

    private PlatformCredentials WithTokens(PlatformCredentials credentials, JsonElement reply)
    {
        var expireIn = reply.Long("expire_in") ?? 14400;
        // The reference shows an epoch-looking value in expire_in; guides show seconds. Values > 10^9 are absolute.
        var expiresAt = expireIn > 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(expireIn) : time.GetUtcNow().AddSeconds(expireIn);
        return credentials with
        {
            AccessToken = reply.Str("access_token") ?? throw new MarketplaceAuthException(Platform, "no_token", "No access_token in the answer."),
            RefreshToken = reply.Str("refresh_token") ?? credentials.RefreshToken,
            AccessTokenExpiresAt = expiresAt,
        };
    }
}
