using System.Globalization;
using System.Text.Json;
using OrderActors.Marketplaces.TikTokShop;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Platforms;

/// <summary>TikTok Shop Partner API 202309 under <c>/tiktok</c> (tiktok-shop.md §8): signed query + body, token header, page tokens.</summary>
public static class TikTokShopApi
{
    private const SourcePlatform P = SourcePlatform.TikTokShop;

    public static void MapTikTokShop(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiktok/open/authorize", Authorize);
        app.MapGet("/tiktok-auth/api/v2/token/get", GetToken);
        app.MapGet("/tiktok-auth/api/v2/token/refresh", RefreshToken);
        var g = app.MapGroup("/tiktok");
        g.MapGet("/authorization/202309/shops", Shops);
        g.MapPost("/order/202309/orders/search", SearchOrders);
        g.MapGet("/order/202309/orders", OrderDetail);
        g.MapPost("/fulfillment/202309/packages/{packageId}/ship", ShipPackage);
        g.MapPost("/return_refund/202309/cancellations", CancelOrder);
    }

    public static string Status(SimStage stage) => stage switch
    {
        SimStage.Unpaid => "UNPAID",
        SimStage.ToShip or SimStage.Packed => "AWAITING_SHIPMENT",
        SimStage.ReadyToShip => "AWAITING_COLLECTION",
        SimStage.Shipped => "IN_TRANSIT",
        SimStage.Delivered => "DELIVERED",
        SimStage.Completed => "COMPLETED",
        _ => "CANCELLED",
    };

    private static IResult Error(long code, string message, int status) =>
        Results.Json(new { code, message, request_id = FaultGate.RequestId(), data = new { } }, statusCode: status);

    private static IResult Ok(object data) => Results.Json(new { code = 0, message = "Success", request_id = FaultGate.RequestId(), data });

    private static IResult Authorize(HttpRequest request, SimState state)
    {
        var app = state.FindApp(P, request.Query["service_id"]);
        var shop = app is null ? null : state.FirstShopOfApp(P, app.AppKey);
        if (app?.RedirectUri is null || shop is null)
        {
            return Results.BadRequest("unknown service or no redirect registered");
        }
        if (ConsentPage.IsNeeded(request))
        {
            return ConsentPage.Render(request, "TikTok Shop", app.AppKey, shop.ShopId);
        }
        return Results.Redirect($"{app.RedirectUri}?code={state.IssueCode(P, shop.ShopId)}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
    }

    private static IResult GetToken(HttpRequest request, SimState state) =>
        TokenAnswer(request, state, app => state.RedeemCode(P, request.Query["auth_code"]));

    private static IResult RefreshToken(HttpRequest request, SimState state) =>
        TokenAnswer(request, state, app => state.Refresh(P, request.Query["refresh_token"]));

    private static IResult TokenAnswer(HttpRequest request, SimState state, Func<SimApp, SimToken?> issue)
    {
        var app = state.FindApp(P, request.Query["app_key"]);
        if (app is null || app.AppSecret != request.Query["app_secret"])
        {
            return Error(36004004, "invalid app_key or app_secret", 200);
        }
        var token = issue(app);
        if (token is null)
        {
            return Error(36004004, "invalid auth_code or refresh_token", 200);
        }
        return Ok(new
        {
            access_token = token.AccessToken,
            access_token_expire_in = token.ExpiresAt.ToUnixTimeSeconds(),
            refresh_token = token.RefreshToken,
            refresh_token_expire_in = state.Time.GetUtcNow().AddDays(365).ToUnixTimeSeconds(),
            open_id = $"open_{token.ShopId}",
            seller_name = $"Shop {token.ShopId}",
            seller_base_region = state.FindShop(P, token.ShopId)?.Country,
            user_type = 0,
            granted_scopes = new[] { "seller.order.info", "seller.fulfillment.basic" },
        });
    }

    private static async Task<(IResult? Error, SimShop? Shop, string? Body)> VerifyAsync(HttpRequest request, SimState state, bool shopScoped)
    {
        var q = request.Query.ToDictionary(x => x.Key, x => x.Value.ToString());
        var app = state.FindApp(P, q.GetValueOrDefault("app_key"));
        if (app is null)
        {
            return (Error(36009004, "Invalid app_key", 401), null, null);
        }
        if (!long.TryParse(q.GetValueOrDefault("timestamp"), CultureInfo.InvariantCulture, out var ts)
            || ts < state.Time.GetUtcNow().ToUnixTimeSeconds() - 300 || ts > state.Time.GetUtcNow().ToUnixTimeSeconds() + 30)
        {
            return (Error(36009004, "Invalid timestamp", 401), null, null);
        }
        string? body = null;
        if (request.ContentLength is > 0 || request.Headers.ContentType.Count > 0)
        {
            using var reader = new StreamReader(request.Body);
            body = await reader.ReadToEndAsync();
        }
        if (!TikTokShopSigner.VerifyRequest(app.AppSecret, request.Path.Value!["/tiktok".Length..], q, body, q.GetValueOrDefault("sign")))
        {
            return (Error(106001, "Invalid credentials. The sign is invalid.", 401), null, null);
        }
        var (check, token) = state.CheckToken(P, request.Headers["x-tts-access-token"]);
        if (check == SimState.TokenCheck.Expired)
        {
            return (Error(105002, "Expired credentials. The access token has expired.", 401), null, null);
        }
        if (check == SimState.TokenCheck.Invalid)
        {
            return (Error(36009004, "Invalid credentials. The x-tts-access-token header is invalid.", 401), null, null);
        }
        var shop = state.FindShop(P, token!.ShopId)!;
        if (shopScoped && q.GetValueOrDefault("shop_cipher") is not { Length: > 0 } cipher)
        {
            return (Error(106013, "shop_cipher is required", 400), null, null);
        }
        if (shopScoped && q["shop_cipher"] != shop.ShopCipher)
        {
            return (Error(101000, "Invalid shop_cipher for this access token", 401), null, null);
        }
        return (null, shop, body);
    }

    private static async Task<IResult> Guarded(HttpRequest request, SimState state, FaultGate gate, bool shopScoped, Func<SimShop, string?, IResult> handle, bool writeBack = false)
    {
        var (error, shop, body) = await VerifyAsync(request, state, shopScoped);
        if (error is not null)
        {
            return error;
        }
        if (await gate.EnterAsync(P, writeBack) is { } fault)
        {
            return fault;
        }
        var result = handle(shop!, body);
        state.CountSuccessfulCall(P);
        return result;
    }

    private static Task<IResult> Shops(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, false, (shop, _) =>
        Ok(new { shops = new[] { new { id = shop.ShopId, name = $"Shop {shop.ShopId}", region = shop.Country, seller_type = "LOCAL", cipher = shop.ShopCipher, code = $"{shop.Country}LC{shop.ShopId[^4..]}" } } }));

    private static Task<IResult> SearchOrders(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, true, (shop, body) =>
    {
        if (!int.TryParse(request.Query["page_size"], out var size) || size is < 1 or > 100)
        {
            return Error(36009004, "page_size must be between 1 and 100", 400);
        }
        var filter = string.IsNullOrEmpty(body) ? default : JsonDocument.Parse(body).RootElement;
        var ge = Long(filter, "update_time_ge") ?? 0;
        var lt = Long(filter, "update_time_lt") ?? long.MaxValue;
        var orders = state.Orders(P, shop.ShopId).Where(o => o.UpdatedAt.ToUnixTimeSeconds() >= ge && o.UpdatedAt.ToUnixTimeSeconds() < lt).ToList();
        var page = Keyset.Page(orders, o => (o.UpdatedAt.ToUnixTimeSeconds(), o.Id), request.Query["page_token"], size, out var next);
        return Ok(new { next_page_token = next ?? "", total_count = orders.Count, orders = page.Select(Render) });
    });

    private static Task<IResult> OrderDetail(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, true, (shop, _) =>
    {
        var ids = request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length is < 1 or > 50)
        {
            return Error(36009004, "ids must hold 1 to 50 order ids", 400);
        }
        return Ok(new { orders = ids.Select(id => state.FindOrder(P, shop.ShopId, id)).OfType<SimOrder>().Select(Render) });
    });

    private static Task<IResult> ShipPackage(string packageId, HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, true, (shop, body) =>
    {
        var order = state.Orders(P, shop.ShopId).FirstOrDefault(o => PackageOf(o) == packageId);
        if (order is null)
        {
            return Error(21011001, "package not found", 400);
        }
        if (order.Stage is not (SimStage.ToShip or SimStage.Packed))
        {
            return Error(21008099, "The package has already been shipped", 400);
        }
        var tracking = string.IsNullOrEmpty(body) ? null
            : JsonDocument.Parse(body).RootElement.TryGetProperty("self_shipment", out var s) && s.TryGetProperty("tracking_number", out var t) ? t.GetString() : null;
        state.Change(order, o =>
        {
            o.Stage = SimStage.ReadyToShip;
            o.TrackingNumber = tracking;
            return 0;
        });
        state.RecordPushBack(new PushedBack(P, shop.ShopId, order.Id, "ship_package", tracking ?? packageId, true, state.Time.GetUtcNow()));
        return Ok(new { });
    }, writeBack: true);

    /// <summary>Seller cancellation (return-and-refund module): only before the parcel is handed to the carrier, with a reason fitting the payment state.</summary>
    private static Task<IResult> CancelOrder(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, true, (shop, body) =>
    {
        var root = string.IsNullOrEmpty(body) ? default : JsonDocument.Parse(body).RootElement;
        var orderId = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("order_id", out var id) ? id.GetString() : null;
        var reason = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("cancel_reason", out var r) ? r.GetString() : null;
        var order = state.FindOrder(P, shop.ShopId, orderId);
        if (order is null)
        {
            return Error(36009004, "order_id is invalid", 400);
        }
        if (order.Stage is not (SimStage.Unpaid or SimStage.ToShip or SimStage.Packed))
        {
            return Error(25002001, "The order status does not allow the seller to cancel it", 400);
        }
        var expectedPrefix = order.Stage == SimStage.Unpaid ? "seller_cancel_unpaid_reason_" : "seller_cancel_";
        if (reason is null || !reason.StartsWith(expectedPrefix, StringComparison.Ordinal) || (order.Stage != SimStage.Unpaid && reason.StartsWith("seller_cancel_unpaid_", StringComparison.Ordinal)))
        {
            return Error(25002002, "cancel_reason is invalid for the order status", 400);
        }
        state.Change(order, o => o.Stage = SimStage.Cancelled);
        state.RecordPushBack(new PushedBack(P, shop.ShopId, order.Id, "cancel_order", reason, true, state.Time.GetUtcNow()));
        return Ok(new { cancel_id = $"58{order.Id[^14..]}", cancel_status = "CANCELLATION_REQUEST_COMPLETE" });
    }, writeBack: true);

    private static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private static string PackageOf(SimOrder o) => $"11{o.Id[^16..]}";

    public static object Render(SimOrder o) => new
    {
        id = o.Id,
        status = Status(o.Stage),
        create_time = o.CreatedAt.ToUnixTimeSeconds(),
        update_time = o.UpdatedAt.ToUnixTimeSeconds(),
        paid_time = o.Stage == SimStage.Unpaid ? (long?)null : o.CreatedAt.ToUnixTimeSeconds() + 30,
        user_id = $"7{Math.Abs(o.Buyer.Email.GetHashCode())}",
        buyer_email = $"{o.Buyer.FirstName.ToLowerInvariant()}{o.Id[^4..]}@chat.seller.tiktok.com",
        buyer_message = "",
        is_on_hold_order = false,
        recipient_address = o.Stage is SimStage.Unpaid ? null : new
        {
            name = o.Buyer.FullName, first_name = o.Buyer.FirstName, last_name = o.Buyer.LastName, phone_number = o.Buyer.Phone,
            full_address = $"{o.Buyer.Address1}, {o.Buyer.District}, {o.Buyer.City}", address_line1 = o.Buyer.Address1, address_line2 = "",
            postal_code = o.Buyer.PostalCode, region_code = o.Buyer.Country,
            district_info = new[]
            {
                new { address_level = "L0", address_level_name = "Country", address_name = o.Buyer.Country },
                new { address_level = "L1", address_level_name = "State", address_name = o.Buyer.State },
                new { address_level = "L2", address_level_name = "City", address_name = o.Buyer.City },
            },
        },
        payment = new
        {
            currency = o.Currency,
            sub_total = o.ItemsTotal.ToString("0.00", CultureInfo.InvariantCulture),
            shipping_fee = o.ShippingFee.ToString("0.00", CultureInfo.InvariantCulture),
            seller_discount = o.Discount.ToString("0.00", CultureInfo.InvariantCulture),
            platform_discount = "0.00",
            tax = "0.00",
            total_amount = o.GrandTotal.ToString("0.00", CultureInfo.InvariantCulture),
        },
        line_items = o.Items.Select(i => new
        {
            id = i.Id, sku_id = $"17{i.Sku.GetHashCode() & 0x7fffffff}", seller_sku = i.Sku, product_name = i.Name, sku_name = i.Variant ?? "",
            sale_price = i.Price.ToString("0.00", CultureInfo.InvariantCulture), original_price = i.Price.ToString("0.00", CultureInfo.InvariantCulture),
            currency = o.Currency, display_status = Status(i.Stage == SimStage.Cancelled ? SimStage.Cancelled : o.Stage), package_id = PackageOf(o),
        }),
        packages = new[] { new { id = PackageOf(o) } },
        tracking_number = o.TrackingNumber ?? "",
        shipping_type = "TIKTOK",
    };
}
