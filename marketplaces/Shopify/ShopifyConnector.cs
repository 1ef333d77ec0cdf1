using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.Shopify;

/// <summary>Shopify Admin GraphQL (shopify.md): unsigned calls with <c>X-Shopify-Access-Token</c>, cursor paging, THROTTLED cost limits.</summary>
public sealed class ShopifyConnector(ConnectorHttp http, IOptions<MarketplaceOptions> options, TimeProvider time) : IMarketplaceConnector
{
    private const string Scopes = "read_orders,write_orders,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders";

    public SourcePlatform Platform => SourcePlatform.Shopify;

    public TimeSpan MaxWindow => TimeSpan.FromDays(60);

    public string BuildAuthorizationUrl(PlatformCredentials app, string redirectUri, string state) =>
        $"{ShopUrl(app.ShopId)}/admin/oauth/authorize?client_id={Uri.EscapeDataString(app.AppKey)}&scope={Scopes}" +
        $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&state={Uri.EscapeDataString(state)}";

    public async Task<PlatformCredentials> ExchangeCodeAsync(PlatformCredentials app, IReadOnlyDictionary<string, string> query, CancellationToken ct)
    {
        if (!ShopifySigner.VerifyOAuth(app.AppSecret, query))
        {
            throw new MarketplaceAuthException(Platform, "hmac", "The callback's hmac does not match.");
        }
        var shop = query.GetValueOrDefault("shop") is { } domain && domain.EndsWith(".myshopify.com", StringComparison.Ordinal)
            ? domain[..^".myshopify.com".Length]
            : app.ShopId;
        var body = JsonSerializer.Serialize(new { client_id = app.AppKey, client_secret = app.AppSecret, code = query.GetValueOrDefault("code") });
        return await TokenCallAsync(app with { ShopId = shop }, body, ct);
    }

    public Task<PlatformCredentials> RefreshAsync(PlatformCredentials credentials, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(credentials.RefreshToken))
        {
            throw new MarketplaceAuthException(Platform, "401", "The access token was refused and there is no refresh token.");
        }
        var body = JsonSerializer.Serialize(new { client_id = credentials.AppKey, client_secret = credentials.AppSecret, grant_type = "refresh_token", refresh_token = credentials.RefreshToken });
        return TokenCallAsync(credentials, body, ct);
    }

    public async Task<PlatformCredentials> ValidateAsync(PlatformCredentials credentials, CancellationToken ct)
    {
        await GraphQlAsync(credentials, "ShopInfo", ShopifyQueries.Shop, new { }, ct);
        return credentials;
    }

    public async Task<OrderChangesPage> ListChangedOrdersAsync(MarketplaceAccount account, DateTimeOffset from, DateTimeOffset to, string? cursor, CancellationToken ct)
    {
        var search = $"updated_at:>='{Iso(from)}' updated_at:<'{Iso(Json.CeilingSecond(to))}'";
        var data = await GraphQlAsync(account.Credentials, "OrdersChanged", ShopifyQueries.OrdersChanged, new { cursor, query = search }, ct);
        var orders = data.Prop("orders") ?? default;
        var page = orders.Prop("pageInfo") ?? default;
        var snapshots = orders.Arr("nodes").Select(o => ShopifyOrderMapper.Map(o, account.AccountId)).ToList();
        return new OrderChangesPage(snapshots, page.Bool("hasNextPage") ? page.NonEmpty("endCursor") : null);
    }

    public async Task<OrderSnapshot?> GetOrderAsync(MarketplaceAccount account, string platformOrderId, CancellationToken ct)
    {
        var data = await GraphQlAsync(account.Credentials, "OrderDetail", ShopifyQueries.OrderDetail, new { id = Gid(platformOrderId) }, ct);
        return data.Prop("order") is { } order ? ShopifyOrderMapper.Map(order, account.AccountId) : null;
    }

    public async Task PushAsync(MarketplaceAccount account, WriteBackRequest request, CancellationToken ct)
    {
        switch (request.Action)
        {
            case WriteBackAction.Shipped:
                var data = await GraphQlAsync(account.Credentials, "FulfillmentOrders", ShopifyQueries.FulfillmentOrders, new { id = Gid(request.PlatformOrderId) }, ct);
                var open = ((data.Prop("order") ?? default).Prop("fulfillmentOrders") ?? default).Arr("nodes")
                    .Where(n => n.Str("status") is "OPEN" or "IN_PROGRESS").Select(n => n.Str("id")).OfType<string>().ToList();
                if (open.Count == 0)
                {
                    return; // already fulfilled: the platform is where we want it
                }
                var fulfillment = new
                {
                    lineItemsByFulfillmentOrder = open.Select(id => new { fulfillmentOrderId = id }).ToArray(),
                    trackingInfo = request.TrackingNumber is { Length: > 0 } ? new { number = request.TrackingNumber, company = request.Carrier } : null,
                    notifyCustomer = false,
                };
                var created = await GraphQlAsync(account.Credentials, "CreateFulfillment", ShopifyQueries.CreateFulfillment, new { fulfillment }, ct);
                ThrowOnUserErrors(created.Prop("fulfillmentCreate"), "userErrors");
                break;
            case WriteBackAction.Cancelled:
                var cancelled = await GraphQlAsync(account.Credentials, "CancelOrder", ShopifyQueries.CancelOrder, new { orderId = Gid(request.PlatformOrderId) }, ct);
                ThrowOnUserErrors(cancelled.Prop("orderCancel"), "orderCancelUserErrors");
                break;
            case WriteBackAction.Packed:
                // Shopify has no packed state; fulfilment is the next thing it knows about.
                break;
        }
    }

    public bool VerifyWebhook(PlatformCredentials credentials, WebhookDelivery delivery) =>
        ShopifySigner.VerifyWebhook(credentials.AppSecret, delivery.Body, delivery.Header("x-shopify-hmac-sha256"));

    public WebhookNotice ParseWebhook(MarketplaceAccount account, WebhookDelivery delivery)
    {
        var topic = delivery.Header("x-shopify-topic") ?? "";
        // X-Shopify-Event-Id is the same across duplicate deliveries of one event.
        var eventId = delivery.Header("x-shopify-event-id") ?? delivery.Header("x-shopify-webhook-id") ?? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(delivery.Body));
        if (topic == "app/uninstalled")
        {
            return new WebhookNotice(eventId, WebhookKind.AuthorizationRevoked, null);
        }
        if (!topic.StartsWith("orders/", StringComparison.Ordinal))
        {
            return new WebhookNotice(eventId, WebhookKind.Ignored, null);
        }
        using var document = JsonDocument.Parse(delivery.Body);
        return new WebhookNotice(eventId, WebhookKind.OrderChanged, document.RootElement.Str("id"));
    }

    /// <summary>orders/create and orders/updated deliver the order in the REST shape; it is used as is when it is whole.</summary>
    public OrderSnapshot? OrderFromWebhook(MarketplaceAccount account, WebhookDelivery delivery)
    {
        if (delivery.Header("x-shopify-topic") is not ("orders/create" or "orders/updated"))
        {
            return null;
        }
        using var document = JsonDocument.Parse(delivery.Body);
        return ShopifyRestOrderMapper.IsFullOrder(document.RootElement) ? ShopifyRestOrderMapper.Map(document.RootElement, account.AccountId) : null;
    }

    private string ShopUrl(string shop) => options.Value.ShopifyShopUrl.Replace("{shop}", shop, StringComparison.Ordinal).TrimEnd('/');

    private static string Gid(string id) => id.StartsWith("gid://", StringComparison.Ordinal) ? id : $"gid://shopify/Order/{id}";

    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void ThrowOnUserErrors(JsonElement? payload, string field)
    {
        // Mutations answer 200 even when they fail: the failure is in userErrors.
        var errors = (payload ?? default).Arr(field).Select(e => e.Str("message")).ToList();
        if (errors.Count > 0)
        {
            throw new MarketplaceRejectedException(Platform, "userErrors", string.Join("; ", errors));
        }
    }

    private async Task<PlatformCredentials> TokenCallAsync(PlatformCredentials credentials, string body, CancellationToken ct)
    {
        var reply = await http.SendAsync(Platform, HttpMethod.Post, $"{ShopUrl(credentials.ShopId)}/admin/oauth/access_token", body, null, ct);
        if (reply.Status != HttpStatusCode.OK || reply.Body.ValueKind != JsonValueKind.Object || reply.Body.Str("access_token") is not { } token)
        {
            throw new MarketplaceAuthException(Platform, ((int)reply.Status).ToString(CultureInfo.InvariantCulture), $"Token request refused: {reply.Text}");
        }
        var expiresIn = reply.Body.Long("expires_in");
        return credentials with
        {
            AccessToken = token,
            RefreshToken = reply.Body.Str("refresh_token") ?? credentials.RefreshToken,
            AccessTokenExpiresAt = expiresIn is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : null,
        };
    }

    private async Task<JsonElement> GraphQlAsync(PlatformCredentials credentials, string operationName, string query, object variables, CancellationToken ct)
    {
        var url = $"{ShopUrl(credentials.ShopId)}/admin/api/{options.Value.ShopifyApiVersion}/graphql.json";
        var body = JsonSerializer.Serialize(new { query, operationName, variables });
        var reply = await http.SendAsync(Platform, HttpMethod.Post, url, body,
            new Dictionary<string, string> { ["X-Shopify-Access-Token"] = credentials.AccessToken ?? "" }, ct);
        switch ((int)reply.Status)
        {
            case 401:
                throw string.IsNullOrEmpty(credentials.RefreshToken)
                    ? new MarketplaceAuthException(Platform, "401", "Access token missing, invalid or revoked.")
                    : new MarketplaceTokenExpiredException(Platform, "401", "Access token expired.");
            case 402 or 403 or 423:
                throw new MarketplaceAuthException(Platform, ((int)reply.Status).ToString(CultureInfo.InvariantCulture), reply.Text);
            case >= 400:
                throw new MarketplaceRejectedException(Platform, ((int)reply.Status).ToString(CultureInfo.InvariantCulture), reply.Text);
        }
        var errors = reply.Body.Arr("errors").ToList();
        if (errors.Count > 0)
        {
            if (errors.Any(e => (e.Prop("extensions") ?? default).Str("code") == "THROTTLED"))
            {
                throw new MarketplaceThrottledException(Platform, "THROTTLED", "Query cost above the available bucket.", ThrottleWait(reply.Body));
            }
            throw new MarketplaceRejectedException(Platform, "graphql", string.Join("; ", errors.Select(e => e.Str("message"))));
        }
        return reply.Body.Prop("data") ?? default;
    }

    /// <summary>Waits until the bucket has restored enough points for the requested cost.</summary>
    private static TimeSpan? ThrottleWait(JsonElement body)
    {
        var cost = (body.Prop("extensions") ?? default).Prop("cost") ?? default;
        var status = cost.Prop("throttleStatus") ?? default;
        var requested = cost.Dec("requestedQueryCost");
        var available = status.Dec("currentlyAvailable");
        var restore = status.Dec("restoreRate");
        return requested is { } r && available is { } a && restore is > 0
            ? TimeSpan.FromSeconds((double)Math.Max(0m, (r - a) / restore.Value))
            : null;
    }
}
