using System.Globalization;
using System.Text.Json;
using OrderActors.Marketplaces.Lazada;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Platforms;

/// <summary>Lazada Open Platform under <c>/lazada</c> (lazada.md §8): UPPER-hex signed parameters, per-item statuses, offset ≤ 5000.</summary>
public static class LazadaApi
{
    private const SourcePlatform P = SourcePlatform.Lazada;

    public static void MapLazada(this IEndpointRouteBuilder app)
    {
        app.MapGet("/lazada/oauth/authorize", Authorize);
        var auth = app.MapGroup("/lazada/auth/rest");
        auth.MapMethods("/auth/token/create", ["GET", "POST"], CreateToken);
        auth.MapMethods("/auth/token/refresh", ["GET", "POST"], RefreshToken);
        var g = app.MapGroup("/lazada/rest");
        g.MapGet("/seller/get", Seller);
        g.MapGet("/orders/get", Orders);
        g.MapGet("/order/get", Order);
        g.MapGet("/order/items/get", OrderItems);
        g.MapGet("/orders/items/get", MultipleOrderItems);
        g.MapPost("/order/fulfill/pack", Pack);
        g.MapPost("/order/package/rts", ReadyToShip);
        g.MapGet("/order/reverse/cancel/validate", CancelValidate);
        g.MapGet("/order/reverse/cancel/create", CancelCreate);
    }

    public static string ItemStatus(SimStage stage) => stage switch
    {
        SimStage.Unpaid => "unpaid",
        SimStage.ToShip => "pending",
        SimStage.Packed => "packed",
        SimStage.ReadyToShip => "ready_to_ship",
        SimStage.Shipped => "shipped",
        SimStage.Delivered or SimStage.Completed => "delivered",
        _ => "canceled",
    };

    private static IResult Error(string code, string message, string type = "ISV") =>
        Results.Json(new { type, code, message, request_id = FaultGate.RequestId() });

    private static IResult Ok(object data) => Results.Json(new { code = "0", data, request_id = FaultGate.RequestId() });

    private static async Task<Dictionary<string, string>> ParametersAsync(HttpRequest request)
    {
        var all = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync())
            {
                all[key] = value.ToString();
            }
        }
        return all;
    }

    private static async Task<(IResult? Error, Dictionary<string, string> Parameters, SimApp? App, SimShop? Shop)> VerifyAsync(HttpRequest request, SimState state, string prefix, bool seller)
    {
        var p = await ParametersAsync(request);
        var app = state.FindApp(P, p.GetValueOrDefault("app_key"));
        if (app is null)
        {
            return (Error("InvalidAppKey", "Specified app key is invalid"), p, null, null);
        }
        var ts = p.GetValueOrDefault("timestamp");
        if (!long.TryParse(ts, CultureInfo.InvariantCulture, out var ms) || Math.Abs(state.Time.GetUtcNow().ToUnixTimeMilliseconds() - ms) > 7_200_000)
        {
            return (Error("InvalidTimestamp", "Timestamp is invalid or expired"), p, app, null);
        }
        var path = request.Path.Value![prefix.Length..];
        if (!LazadaSigner.VerifyRequest(app.AppSecret, path, p, p.GetValueOrDefault("sign")))
        {
            return (Error("IncompleteSignature", "The request signature does not conform to lazop standards"), p, app, null);
        }
        if (!seller)
        {
            return (null, p, app, null);
        }
        var (check, token) = state.CheckToken(P, p.GetValueOrDefault("access_token"));
        if (check != SimState.TokenCheck.Valid)
        {
            return (Error("IllegalAccessToken", "The specified access token is invalid or expired"), p, app, null);
        }
        return (null, p, app, state.FindShop(P, token!.ShopId));
    }

    private static IResult Authorize(HttpRequest request, SimState state)
    {
        var q = request.Query;
        var app = state.FindApp(P, q["client_id"]);
        var shop = app is null ? null : state.FirstShopOfApp(P, app.AppKey);
        if (app is null || shop is null || string.IsNullOrEmpty(q["redirect_uri"]))
        {
            return Results.BadRequest("unknown client_id or no seller waiting to authorize");
        }
        if (ConsentPage.IsNeeded(request))
        {
            return ConsentPage.Render(request, "Lazada", app.AppKey, shop.ShopId);
        }
        var code = state.IssueCode(P, shop.ShopId);
        return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"].ToString())}");
    }

    private static async Task<IResult> CreateToken(HttpRequest request, SimState state, FaultGate gate)
    {
        var (error, p, _, _) = await VerifyAsync(request, state, "/lazada/auth/rest", seller: false);
        if (error is not null)
        {
            return error;
        }
        var token = state.RedeemCode(P, p.GetValueOrDefault("code"));
        return token is null ? Error("InvalidCode", "Invalid authorization code") : Results.Json(TokenBody(token, state, "country_user_info"));
    }

    private static async Task<IResult> RefreshToken(HttpRequest request, SimState state, FaultGate gate)
    {
        var (error, p, _, _) = await VerifyAsync(request, state, "/lazada/auth/rest", seller: false);
        if (error is not null)
        {
            return error;
        }
        if (await gate.EnterAsync(P) is { } fault)
        {
            return fault;
        }
        var token = state.Refresh(P, p.GetValueOrDefault("refresh_token"));
        return token is null ? Error("IllegalRefreshToken", "The specified refresh token is invalid or expired") : Results.Json(TokenBody(token, state, "country_user_info_list"));
    }

    private static Dictionary<string, object> TokenBody(SimToken token, SimState state, string listKey) => new()
    {
        ["access_token"] = token.AccessToken,
        ["refresh_token"] = token.RefreshToken,
        ["expires_in"] = (long)(token.ExpiresAt - state.Time.GetUtcNow()).TotalSeconds,
        ["refresh_expires_in"] = 2_592_000,
        ["country"] = state.FindShop(P, token.ShopId)?.Country.ToLowerInvariant() ?? "my",
        ["account_platform"] = "seller_center",
        ["account"] = $"seller{token.ShopId}@example.com",
        [listKey] = new[] { new { country = "my", seller_id = token.ShopId, user_id = token.ShopId, short_code = $"MY{token.ShopId}" } },
        ["code"] = "0",
        ["request_id"] = FaultGate.RequestId(),
    };

    private static async Task<IResult> Seller(HttpRequest request, SimState state, FaultGate gate) =>
        await Guarded(request, state, gate, (_, shop) => Ok(new { name = $"Shop {shop.ShopId}", seller_id = shop.ShopId, location = shop.Country, verified = true }));

    private static async Task<IResult> Guarded(HttpRequest request, SimState state, FaultGate gate, Func<Dictionary<string, string>, SimShop, IResult> handle, bool writeBack = false)
    {
        var (error, p, _, shop) = await VerifyAsync(request, state, "/lazada/rest", seller: true);
        if (error is not null)
        {
            return error;
        }
        if (await gate.EnterAsync(P, writeBack) is { } fault)
        {
            return fault;
        }
        var result = handle(p, shop!);
        state.CountSuccessfulCall(P);
        return result;
    }

    private static Task<IResult> Orders(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, (p, shop) =>
    {
        if (!TryDate(p.GetValueOrDefault("update_after"), out var after) && !TryDate(p.GetValueOrDefault("created_after"), out after))
        {
            return Error("17", "Invalid Date Format");
        }
        var before = TryDate(p.GetValueOrDefault("update_before"), out var b) ? b : DateTimeOffset.MaxValue;
        if (!int.TryParse(p.GetValueOrDefault("offset", "0"), out var offset) || offset is < 0 or > 5000)
        {
            return Error("14", "Invalid Offset");
        }
        if (!int.TryParse(p.GetValueOrDefault("limit", "100"), out var limit) || limit is < 1 or > 100)
        {
            return Error("19", "Invalid Limit");
        }
        if (p.GetValueOrDefault("sort_direction", "DESC") is not ("ASC" or "DESC"))
        {
            return Error("74", "Invalid Sort Direction");
        }
        var matching = state.Orders(P, shop.ShopId).Where(o => o.UpdatedAt >= after && o.UpdatedAt <= before).ToList();
        if (p.GetValueOrDefault("sort_direction", "DESC") == "DESC")
        {
            matching.Reverse();
        }
        var page = matching.Skip(offset).Take(limit).Select(RenderOrder).ToList();
        return Ok(new { count = page.Count, countTotal = matching.Count, orders = page });
    });

    private static Task<IResult> Order(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, (p, shop) =>
        state.FindOrder(P, shop.ShopId, p.GetValueOrDefault("order_id")) is { } o ? Ok(RenderOrder(o)) : Error("16", "E016: Invalid Order ID"));

    private static Task<IResult> OrderItems(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, (p, shop) =>
        state.FindOrder(P, shop.ShopId, p.GetValueOrDefault("order_id")) is { } o ? Ok(RenderItems(o)) : Error("16", "E016: Invalid Order ID"));

    private static Task<IResult> MultipleOrderItems(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, (p, shop) =>
    {
        var ids = p.GetValueOrDefault("order_ids", "").Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length is < 1 or > 50)
        {
            return Error("MissingParameter", "order_ids must hold 1 to 50 ids");
        }
        return Ok(ids.Select(id => state.FindOrder(P, shop.ShopId, id)).OfType<SimOrder>()
            .Select(o => new { order_id = o.Id, order_number = o.Id, order_items = RenderItems(o) }).ToList());
    });

    private static Task<IResult> Pack(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, (p, shop) =>
    {
        var req = JsonDocument.Parse(p.GetValueOrDefault("packReq", "{}")).RootElement;
        var results = new List<object>();
        foreach (var entry in req.GetProperty("pack_order_list").EnumerateArray())
        {
            var order = state.FindOrder(P, shop.ShopId, entry.GetProperty("order_id").GetRawText().Trim('"'));
            if (order is null)
            {
                return Error("700021", "ORDER_NOT_FOUND");
            }
            var ids = entry.GetProperty("order_item_list").EnumerateArray().Select(i => i.GetRawText().Trim('"')).ToHashSet();
            var package = $"FP{order.Id[^9..]}";
            var itemResults = state.Change(order, o => o.Items.Where(i => ids.Contains(i.Id)).Select(i =>
            {
                if (i.Stage != SimStage.ToShip)
                {
                    return (object)new { order_item_id = long.Parse(i.Id, CultureInfo.InvariantCulture), item_err_code = "700026", msg = "FO_ITEM_NOT_ALLOW_TO_PACK", retry = false };
                }
                i.Stage = SimStage.Packed;
                i.PackageId = package;
                return new { order_item_id = long.Parse(i.Id, CultureInfo.InvariantCulture), item_err_code = "0", msg = "success", tracking_number = $"LZ{o.Id[^8..]}", shipment_provider = "LEX MY", package_id = package, retry = false };
            }).ToList());
            order.Stage = order.Items.Min(i => i.Stage);
            results.Add(new { order_id = long.Parse(order.Id, CultureInfo.InvariantCulture), order_item_list = itemResults });
            state.RecordPushBack(new PushedBack(P, shop.ShopId, order.Id, "pack", package, true, state.Time.GetUtcNow()));
        }
        return Results.Json(new { code = "0", result = new { success = true, data = new { pack_order_list = results } }, request_id = FaultGate.RequestId() });
    }, writeBack: true);

    private static Task<IResult> ReadyToShip(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, (p, shop) =>
    {
        var req = JsonDocument.Parse(p.GetValueOrDefault("readyToShipReq", "{}")).RootElement;
        var packages = req.GetProperty("packages").EnumerateArray().Select(x => x.GetProperty("package_id").GetString()).ToHashSet();
        var results = new List<object>();
        foreach (var order in state.Orders(P, shop.ShopId).Where(o => o.Items.Any(i => packages.Contains(i.PackageId))))
        {
            state.Change(order, o =>
            {
                foreach (var item in o.Items.Where(i => packages.Contains(i.PackageId) && i.Stage == SimStage.Packed))
                {
                    item.Stage = SimStage.ReadyToShip;
                }
                o.Stage = o.Items.Where(i => i.Stage != SimStage.Cancelled).Select(i => i.Stage).DefaultIfEmpty(SimStage.Cancelled).Min();
                return 0;
            });
            state.RecordPushBack(new PushedBack(P, shop.ShopId, order.Id, "ready_to_ship", string.Join(',', packages), true, state.Time.GetUtcNow()));
            results.AddRange(packages.Select(pk => new { package_id = pk, item_err_code = "0", msg = "success", retry = false }));
        }
        return Results.Json(new { code = "0", result = new { success = true, data = new { packages = results } }, request_id = FaultGate.RequestId() });
    }, writeBack: true);

    private static Task<IResult> CancelValidate(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, (p, shop) =>
        state.FindOrder(P, shop.ShopId, p.GetValueOrDefault("order_id")) is { Stage: < SimStage.Shipped }
            ? Ok(new { tip_content = "", reason_options = new[] { new { reason_id = "15", reason_name = "Out of Stock" }, new { reason_id = "21", reason_name = "Customer request" } } })
            : Error("700000", "PACKAGE_STATUS_NOT_ALLOW_TO_OP"), writeBack: true);

    private static Task<IResult> CancelCreate(HttpRequest request, SimState state, FaultGate gate) => Guarded(request, state, gate, (p, shop) =>
    {
        if (state.FindOrder(P, shop.ShopId, p.GetValueOrDefault("order_id")) is not { Stage: < SimStage.Shipped } order)
        {
            return Error("700000", "PACKAGE_STATUS_NOT_ALLOW_TO_OP");
        }
        state.Change(order, o =>
        {
            o.Stage = SimStage.Cancelled;
            o.Items.ForEach(i => i.Stage = SimStage.Cancelled);
            return 0;
        });
        state.RecordPushBack(new PushedBack(P, shop.ShopId, order.Id, "cancel", p.GetValueOrDefault("reason_id"), true, state.Time.GetUtcNow()));
        return Ok(new { });
    }, writeBack: true);

    private static bool TryDate(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static string Local(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static object RenderOrder(SimOrder o) => new
    {
        order_id = o.Id,
        order_number = o.Id,
        created_at = Local(o.CreatedAt),
        updated_at = Local(o.UpdatedAt),
        customer_first_name = o.Buyer.FirstName,
        customer_last_name = o.Buyer.LastName,
        price = o.ItemsTotal.ToString("0.00", CultureInfo.InvariantCulture),
        voucher = o.Discount.ToString("0.00", CultureInfo.InvariantCulture),
        shipping_fee = o.ShippingFee.ToString("0.00", CultureInfo.InvariantCulture),
        items_count = o.Items.Count,
        payment_method = "COD",
        statuses = o.Items.Select(i => ItemStatus(i.Stage)).Distinct().ToList(),
        address_shipping = new
        {
            first_name = o.Buyer.FullName, last_name = "", phone = o.Buyer.Phone, phone2 = "", address1 = o.Buyer.Address1, address3 = o.Buyer.State,
            address4 = o.Buyer.District, city = o.Buyer.City, post_code = o.Buyer.PostalCode, country = o.Buyer.Country,
        },
        remarks = "",
        buyer_note = "",
    };

    public static List<object> RenderItems(SimOrder o) => o.Items.Select(i => (object)new
    {
        order_item_id = i.Id,
        order_id = o.Id,
        status = ItemStatus(i.Stage),
        sku = i.Sku,
        shop_sku = $"{i.Sku}-LZ",
        name = i.Name,
        variation = i.Variant ?? "",
        item_price = i.Price.ToString("0.00", CultureInfo.InvariantCulture),
        paid_price = i.Price.ToString("0.00", CultureInfo.InvariantCulture),
        currency = o.Currency,
        voucher_amount = "0.00",
        package_id = i.PackageId ?? "",
        tracking_code = i.PackageId is null ? "" : $"LZ{o.Id[^8..]}",
        created_at = Local(o.CreatedAt),
        updated_at = Local(o.UpdatedAt),
    }).ToList();
}
