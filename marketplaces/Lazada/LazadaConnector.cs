using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.Lazada;

/// <summary>Lazada Open Platform (lazada.md): UPPER-hex signed parameters, <c>code</c> envelope, offset paging capped at 5000.</summary>
public sealed class LazadaConnector(ConnectorHttp http, IOptions<MarketplaceOptions> options, TimeProvider time) : IMarketplaceConnector
{
    private const int PageSize = 100;
    private const int MaxOffset = 5000;

    // Offset paging shifts rows left when an order of the window changes (it moves past the window's end) while we
    // page: each page starts this many rows before the end of the previous one, so up to that many moves skip nothing.
    private const int PageOverlap = 10;

    public SourcePlatform Platform => SourcePlatform.Lazada;

    public TimeSpan MaxWindow => TimeSpan.FromDays(30);

    public string BuildAuthorizationUrl(PlatformCredentials app, string redirectUri, string state) =>
        $"{options.Value.LazadaAuthorizePageUrl}?response_type=code&force_auth=true&redirect_uri={Uri.EscapeDataString(redirectUri)}" +
        $"&client_id={Uri.EscapeDataString(app.AppKey)}&state={Uri.EscapeDataString(state)}";

    public async Task<PlatformCredentials> ExchangeCodeAsync(PlatformCredentials app, IReadOnlyDictionary<string, string> query, CancellationToken ct)
    {
        var reply = await CallAsync(app, options.Value.LazadaAuthUrl, "/auth/token/create", [new("code", query.GetValueOrDefault("code") ?? "")], post: false, seller: false, ct);
        return WithTokens(app, reply);
    }

    public async Task<PlatformCredentials> RefreshAsync(PlatformCredentials credentials, CancellationToken ct)
    {
        var reply = await CallAsync(credentials, options.Value.LazadaAuthUrl, "/auth/token/refresh", [new("refresh_token", credentials.RefreshToken ?? "")], post: false, seller: false, ct);
        return WithTokens(credentials, reply);
    }

    public async Task<PlatformCredentials> ValidateAsync(PlatformCredentials credentials, CancellationToken ct)
    {
        await CallAsync(credentials, Api, "/seller/get", [], post: false, seller: true, ct);
        return credentials;
    }

    public async Task<OrderChangesPage> ListChangedOrdersAsync(MarketplaceAccount account, DateTimeOffset from, DateTimeOffset to, string? cursor, CancellationToken ct)
    {
        // Cursor = "offset|update_after": past 5000 rows the window restarts at the last update time seen, offset 0.
        var (offset, after) = ParseCursor(cursor, from);
        var reply = await CallAsync(account.Credentials, Api, "/orders/get",
        [
            new("update_after", Iso(after)),
            new("update_before", Iso(to)),
            new("sort_by", "updated_at"),
            new("sort_direction", "ASC"),
            new("offset", offset.ToString(CultureInfo.InvariantCulture)),
            new("limit", PageSize.ToString(CultureInfo.InvariantCulture)),
        ], post: false, seller: true, ct);
        var data = reply.Prop("data") ?? default;
        var orders = data.Arr("orders").ToList();
        var snapshots = await WithItemsAsync(account, orders, ct);

        string? next = null;
        if (orders.Count == PageSize)
        {
            next = offset + 2 * PageSize - PageOverlap > MaxOffset
                ? $"0|{Iso(orders[^1].Iso("updated_at") ?? after)}"
                : $"{offset + PageSize - PageOverlap}|{Iso(after)}";
        }
        return new OrderChangesPage(snapshots, next);
    }

    public async Task<OrderSnapshot?> GetOrderAsync(MarketplaceAccount account, string platformOrderId, CancellationToken ct)
    {
        var reply = await CallAsync(account.Credentials, Api, "/order/get", [new("order_id", platformOrderId)], post: false, seller: true, ct);
        return reply.Prop("data") is { } order ? (await WithItemsAsync(account, [order], ct)).FirstOrDefault() : null;
    }

    public async Task PushAsync(MarketplaceAccount account, WriteBackRequest request, CancellationToken ct)
    {
        var items = await ItemsAsync(account, request.PlatformOrderId, ct);
        switch (request.Action)
        {
            case WriteBackAction.Packed:
                await PackAsync(account, request.PlatformOrderId, items, ct);
                break;
            case WriteBackAction.Shipped:
                if (await PackAsync(account, request.PlatformOrderId, items, ct))
                {
                    items = await ItemsAsync(account, request.PlatformOrderId, ct);
                }
                var packages = items.Where(i => i.Str("status") == "packed").Select(i => i.Str("package_id")).OfType<string>().Distinct().ToList();
                if (packages.Count > 0)
                {
                    var rts = JsonSerializer.Serialize(new { packages = packages.Select(p => new { package_id = p }) });
                    var reply = await CallAsync(account.Credentials, Api, "/order/package/rts", [new("readyToShipReq", rts)], post: true, seller: true, ct);
                    ThrowOnItemErrors(reply);
                }
                break;
            case WriteBackAction.Cancelled:
                var ids = JsonSerializer.Serialize(items.Where(i => i.Str("status") is "unpaid" or "pending" or "packed" or "repacked" or "ready_to_ship")
                    .Select(i => i.Long("order_item_id")));
                var validate = await CallAsync(account.Credentials, Api, "/order/reverse/cancel/validate",
                    [new("order_id", request.PlatformOrderId), new("order_item_id_list", ids)], post: false, seller: true, ct);
                var reason = (validate.Prop("data") ?? default).Arr("reason_options").Select(r => r.Str("reason_id")).FirstOrDefault()
                    ?? throw new MarketplaceRejectedException(Platform, "no_reason", "Lazada offers no cancellation reason for this order.");
                await CallAsync(account.Credentials, Api, "/order/reverse/cancel/create",
                    [new("order_id", request.PlatformOrderId), new("order_item_id_list", ids), new("reason_id", reason)], post: false, seller: true, ct);
                break;
        }
    }

    public bool VerifyWebhook(PlatformCredentials credentials, WebhookDelivery delivery) =>
        LazadaSigner.VerifyPush(credentials.AppKey, credentials.AppSecret, delivery.Body, delivery.Header("authorization"));

    public WebhookNotice ParseWebhook(MarketplaceAccount account, WebhookDelivery delivery)
    {
        var root = JsonDocument.Parse(delivery.Body).RootElement;
        var data = root.Prop("data") ?? default;
        if (root.Long("message_type") != 0 || data.Str("trade_order_id") is not { } orderId)
        {
            return new WebhookNotice($"{root.Str("seller_id")}:{root.Str("message_type")}:{root.Str("timestamp")}", WebhookKind.Ignored, null);
        }
        // (order, line, status, time) identifies one item status change; retries carry the same values.
        var eventId = $"{orderId}:{data.Str("trade_order_line_id")}:{data.Str("order_status")}:{data.Str("status_update_time")}";
        return new WebhookNotice(eventId, WebhookKind.OrderChanged, orderId);
    }

    private string Api => options.Value.LazadaApiUrl.TrimEnd('/');

    private async Task<bool> PackAsync(MarketplaceAccount account, string orderId, IReadOnlyList<JsonElement> items, CancellationToken ct)
    {
        var packable = items.Where(i => i.Str("status") is "pending" or "repacked").Select(i => i.Long("order_item_id")).ToList();
        if (packable.Count == 0)
        {
            return false;
        }
        var packReq = JsonSerializer.Serialize(new
        {
            pack_order_list = new[] { new { order_id = long.Parse(orderId, CultureInfo.InvariantCulture), order_item_list = packable } },
            delivery_type = "dropship",
            shipping_allocate_type = "TFS",
        });
        var reply = await CallAsync(account.Credentials, Api, "/order/fulfill/pack", [new("packReq", packReq)], post: true, seller: true, ct);
        ThrowOnItemErrors(reply);
        return true;
    }

    private void ThrowOnItemErrors(JsonElement reply)
    {
        // success=true does not mean every item succeeded: each carries its own item_err_code.
        var failed = Descend(reply).Where(e => e.Str("item_err_code") is { } code && code != "0").ToList();
        if (failed.Count > 0)
        {
            var first = failed[0];
            throw new MarketplaceRejectedException(Platform, first.Str("item_err_code")!, first.Str("msg") ?? "item refused");
        }
    }

    private static IEnumerable<JsonElement> Descend(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new[] { e }.Concat(e.EnumerateObject().SelectMany(p => Descend(p.Value))),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Descend),
        _ => [],
    };

    private async Task<IReadOnlyList<JsonElement>> ItemsAsync(MarketplaceAccount account, string orderId, CancellationToken ct)
    {
        var reply = await CallAsync(account.Credentials, Api, "/order/items/get", [new("order_id", orderId)], post: false, seller: true, ct);
        return reply.Arr("data").ToList();
    }

    private async Task<IReadOnlyList<OrderSnapshot>> WithItemsAsync(MarketplaceAccount account, IReadOnlyList<JsonElement> orders, CancellationToken ct)
    {
        var itemsByOrder = new Dictionary<string, List<JsonElement>>();
        foreach (var chunk in orders.Select(o => o.Str("order_id")!).Chunk(50))
        {
            var reply = await CallAsync(account.Credentials, Api, "/orders/items/get", [new("order_ids", $"[{string.Join(',', chunk)}]")], post: false, seller: true, ct);
            foreach (var entry in reply.Arr("data"))
            {
                itemsByOrder[entry.Str("order_id") ?? ""] = entry.Arr("order_items").ToList();
            }
        }
        return orders.Select(o => LazadaOrderMapper.Map(o, itemsByOrder.GetValueOrDefault(o.Str("order_id")!) ?? [], account.AccountId)).ToList();
    }

    private async Task<JsonElement> CallAsync(PlatformCredentials credentials, string host, string apiPath,
        List<KeyValuePair<string, string>> parameters, bool post, bool seller, CancellationToken ct)
    {
        var all = new List<KeyValuePair<string, string>>(parameters)
        {
            new("app_key", credentials.AppKey),
            new("timestamp", time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new("sign_method", "sha256"),
        };
        if (seller)
        {
            all.Add(new("access_token", credentials.AccessToken ?? ""));
        }
        all.Add(new("sign", LazadaSigner.Sign(credentials.AppSecret, apiPath, all)));
        var encoded = string.Join('&', all.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var reply = post
            ? await http.SendAsync(Platform, HttpMethod.Post, $"{host.TrimEnd('/')}{apiPath}", encoded, null, ct, "application/x-www-form-urlencoded")
            : await http.SendAsync(Platform, HttpMethod.Get, $"{host.TrimEnd('/')}{apiPath}?{encoded}", null, null, ct);
        var root = reply.Body;
        var code = root.ValueKind == JsonValueKind.Object ? root.Str("code") : null;
        if (code == "0")
        {
            return root;
        }
        var message = root.ValueKind == JsonValueKind.Object ? root.Str("message") ?? "" : reply.Text;
        throw (code, root.ValueKind == JsonValueKind.Object ? root.Str("type") : null) switch
        {
            ("ApiCallLimit", _) => new MarketplaceThrottledException(Platform, code!, message, options.Value.ThrottleWait),
            ("IllegalAccessToken", _) when seller => new MarketplaceTokenExpiredException(Platform, code!, message),
            ("IllegalAccessToken" or "IllegalRefreshToken" or "IncompleteSignature" or "InvalidCode" or "InvalidAppKey" or "AppKeyNotExist"
                or "AUTH_TYPE_UNSUPPORTED" or "SellerNotVerified", _) => new MarketplaceAuthException(Platform, code!, message),
            ("6" or "700024", _) or (_, "ISP" or "SYSTEM") => new MarketplaceTransientException(Platform, code ?? "?", message),
            _ => new MarketplaceRejectedException(Platform, code ?? ((int)reply.Status).ToString(CultureInfo.InvariantCulture), message),
        };
    }

    private PlatformCredentials WithTokens(PlatformCredentials credentials, JsonElement reply)
    {
        var sellerId = reply.Arr("country_user_info").Concat(reply.Arr("country_user_info_list")).Select(c => c.Str("seller_id")).FirstOrDefault(s => s is not null);
        return credentials with
        {
            AccessToken = reply.Str("access_token"),
            RefreshToken = reply.Str("refresh_token") ?? credentials.RefreshToken,
            AccessTokenExpiresAt = time.GetUtcNow().AddSeconds(reply.Long("expires_in") ?? 604800),
            Region = reply.Str("country") ?? credentials.Region,
            ShopId = string.IsNullOrEmpty(credentials.ShopId) ? sellerId ?? "" : credentials.ShopId,
        };
    }

    private static (int Offset, DateTimeOffset After) ParseCursor(string? cursor, DateTimeOffset from)
    {
        if (cursor is null)
        {
            return (0, from);
        }
        var parts = cursor.Split('|', 2);
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Lazada wants <c>YYYY-MM-DDTHH:mm:ss±HH:MM</c>.</summary>
    internal static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
