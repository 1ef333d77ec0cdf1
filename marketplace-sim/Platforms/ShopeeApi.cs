using System.Globalization;
using System.Text.Json;
using OrderActors.Marketplaces.Shopee;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Platforms;

/// <summary>Shopee Open Platform v2 under <c>/shopee</c> (shopee.md §8): signed query, 15-day windows, id-only lists, cursor paging.</summary>
public static class ShopeeApi
{
    private const SourcePlatform P = SourcePlatform.Shopee;

    public static void MapShopee(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/shopee");
        g.MapGet("/api/v2/shop/auth_partner", AuthPartner);
        g.MapPost("/api/v2/auth/token/get", GetToken);
        g.MapPost("/api/v2/auth/access_token/get", RefreshToken);
        g.MapGet("/api/v2/shop/get_shop_info", ShopInfo);
        g.MapGet("/api/v2/order/get_order_list", OrderList);
        g.MapGet("/api/v2/order/get_order_detail", OrderDetail);
        g.MapPost("/api/v2/logistics/ship_order", ShipOrder);
        g.MapPost("/api/v2/order/cancel_order", CancelOrder);
        g.MapPost("/api/v2/push/get_lost_push_message", GetLostPushes);
        g.MapPost("/api/v2/push/confirm_consumed_lost_push_message", ConfirmLostPushes);
    }

    public static string Status(SimStage stage) => stage switch
    {
        SimStage.Unpaid => "UNPAID",
        SimStage.ToShip or SimStage.Packed => "READY_TO_SHIP",
        SimStage.ReadyToShip => "PROCESSED",
        SimStage.Shipped => "SHIPPED",
        SimStage.Delivered => "TO_CONFIRM_RECEIVE",
        SimStage.Completed => "COMPLETED",
        _ => "CANCELLED",
    };

    private static IResult Error(string error, string message, int status = 403) =>
        Results.Json(new { request_id = FaultGate.RequestId(), error, message }, statusCode: status);

    /// <summary>Checks partner, timestamp, sign and (for shop APIs) the token; returns an error result or the shop.</summary>
    private static (IResult? Error, SimApp? App, SimShop? Shop) Verify(HttpRequest request, SimState state, bool shopApi)
    {
        var q = request.Query;
        var path = request.Path.Value!["/shopee".Length..];
        var app = state.FindApp(P, q["partner_id"]);
        if (string.IsNullOrEmpty(q["partner_id"]) || string.IsNullOrEmpty(q["sign"]))
        {
            return (Error("error_param", "There is no partner_id or sign in query.", 400), null, null);
        }
        if (app is null)
        {
            return (Error("invalid_partner_id", "Invalid partner_id."), null, null);
        }
        if (!long.TryParse(q["timestamp"], CultureInfo.InvariantCulture, out var ts) || Math.Abs(state.Time.GetUtcNow().ToUnixTimeSeconds() - ts) > 300)
        {
            return (Error("error_param", "Invalid timestamp.", 400), app, null);
        }
        var baseString = shopApi
            ? ShopeeSigner.BaseString(app.AppKey, path, ts, q["access_token"].ToString(), q["shop_id"].ToString())
            : ShopeeSigner.BaseString(app.AppKey, path, ts);
        if (!ShopeeSigner.VerifyRequest(app.AppSecret, baseString, q["sign"]))
        {
            return (Error("error_sign", "Wrong sign."), app, null);
        }
        if (!shopApi)
        {
            return (null, app, null);
        }
        var (check, token) = state.CheckToken(P, q["access_token"]);
        if (check != SimState.TokenCheck.Valid || token!.ShopId != q["shop_id"])
        {
            return (Error("error_auth", "Invalid access_token."), app, null);
        }
        return (null, app, state.FindShop(P, token.ShopId));
    }

    private static IResult AuthPartner(HttpRequest request, SimState state)
    {
        var (error, app, _) = Verify(request, state, shopApi: false);
        if (error is not null)
        {
            return error;
        }
        var shop = state.FirstShopOfApp(P, app!.AppKey);
        if (shop is null)
        {
            return Error("error_param", "No shop is waiting to authorize this partner.", 400);
        }
        if (ConsentPage.IsNeeded(request))
        {
            return ConsentPage.Render(request, "Shopee", app.AppKey, shop.ShopId);
        }
        var redirect = request.Query["redirect"].ToString();
        var code = state.IssueCode(P, shop.ShopId);
        return Results.Redirect($"{redirect}{(redirect.Contains('?') ? "&" : "?")}code={code}&shop_id={shop.ShopId}");
    }

    private static async Task<IResult> GetToken(HttpRequest request, SimState state, FaultGate gate)
    {
        var (error, _, _) = Verify(request, state, shopApi: false);
        if (error is not null)
        {
            return error;
        }
        if (await gate.EnterAsync(P) is { } fault)
        {
            return fault;
        }
        var body = await JsonDocument.ParseAsync(request.Body);
        var token = state.RedeemCode(P, body.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null);
        return token is null
            ? Error("invalid_code", "Invalid code.", 400)
            : Results.Json(TokenBody(token, state));
    }

    private static async Task<IResult> RefreshToken(HttpRequest request, SimState state, FaultGate gate)
    {
        var (error, _, _) = Verify(request, state, shopApi: false);
        if (error is not null)
        {
            return error;
        }
        if (await gate.EnterAsync(P) is { } fault)
        {
            return fault;
        }
        var body = await JsonDocument.ParseAsync(request.Body);
        var token = state.Refresh(P, body.RootElement.TryGetProperty("refresh_token", out var r) ? r.GetString() : null);
        return token is null
            ? Error("error_auth", "Invalid refresh_token.")
            : Results.Json(TokenBody(token, state));
    }

    private static object TokenBody(SimToken token, SimState state) => new
    {
        request_id = FaultGate.RequestId(),
        error = "",
        message = "",
        access_token = token.AccessToken,
        refresh_token = token.RefreshToken,
        expire_in = (long)(token.ExpiresAt - state.Time.GetUtcNow()).TotalSeconds,
        shop_id = long.Parse(token.ShopId, CultureInfo.InvariantCulture),
    };

    private static async Task<IResult> ShopInfo(HttpRequest request, SimState state, FaultGate gate)
    {
        var (error, _, shop) = Verify(request, state, shopApi: true);
        if (error is not null)
        {
            return error;
        }
        if (await gate.EnterAsync(P) is { } fault)
        {
            return fault;
        }
        return Results.Json(new { request_id = FaultGate.RequestId(), error = "", message = "", shop_name = $"Shop {shop!.ShopId}", region = shop.Country, status = "NORMAL" });
    }

    /// <summary>Public API: the partner's earliest 100 unconfirmed lost pushes of the last 3 days (<c>data</c> as the pushed JSON text).</summary>
    private static async Task<IResult> GetLostPushes(HttpRequest request, SimState state, FaultGate gate, ShopeeLostPushes lost)
    {
        var (error, app, _) = Verify(request, state, shopApi: false);
        if (error is not null)
        {
            return error;
        }
        if (await gate.EnterAsync(P) is { } fault)
        {
            return fault;
        }
        var page = lost.Read(app!.AppKey);
        return Results.Json(new
        {
            request_id = FaultGate.RequestId(), error = "", message = "",
            response = new
            {
                push_message_list = page.Messages.Select(m => new { shop_id = m.ShopId, code = m.Code, timestamp = m.Timestamp, data = m.Data }),
                has_next_page = page.HasNextPage,
                last_message_id = page.LastMessageId ?? 0,
            },
        });
    }

    private static async Task<IResult> ConfirmLostPushes(HttpRequest request, SimState state, FaultGate gate, ShopeeLostPushes lost)
    {
        var (error, app, _) = Verify(request, state, shopApi: false);
        if (error is not null)
        {
            return error;
        }
        if (await gate.EnterAsync(P) is { } fault)
        {
            return fault;
        }
        var body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
        if (!body.TryGetProperty("last_message_id", out var last) || last.ValueKind != JsonValueKind.Number)
        {
            return Error("error_param", "last_message_id is required.", 400);
        }
        lost.Confirm(app!.AppKey, last.GetInt64());
        return Results.Json(new { request_id = FaultGate.RequestId(), error = "", message = "" });
    }

    private static async Task<IResult> OrderList(HttpRequest request, SimState state, FaultGate gate)
    {
        var (error, _, shop) = Verify(request, state, shopApi: true);
        if (error is not null)
        {
            return error;
        }
        if (await gate.EnterAsync(P, orderList: true) is { } fault)
        {
            return fault;
        }
        var q = request.Query;
        if (q["time_range_field"] is not { Count: 1 } field || (field != "update_time" && field != "create_time"))
        {
            return Error("error_param", "time_range_field is invalid.", 400);
        }
        if (!long.TryParse(q["time_from"], out var from) || !long.TryParse(q["time_to"], out var to) || to < from || to - from > 15 * 86400)
        {
            return Error("order.order_list_invalid_time", "Start time must be earlier than end time and diff in 15days.", 400);
        }
        if (!int.TryParse(q["page_size"], out var size) || size is < 1 or > 100)
        {
            return Error("error_param", "page_size should be between 1 and 100.", 400);
        }
        var orders = state.Orders(P, shop!.ShopId)
            .Select(o => (Order: o, Time: (field == "update_time" ? o.UpdatedAt : o.CreatedAt).ToUnixTimeSeconds()))
            .Where(x => x.Time >= from && x.Time <= to)
            .OrderBy(x => x.Time).ThenBy(x => x.Order.Id, StringComparer.Ordinal)
            .ToList();
        var page = Keyset.Page(orders, x => (x.Time, x.Order.Id), q["cursor"], size, out var next);
        state.CountSuccessfulCall(P);
        return Results.Json(new
        {
            request_id = FaultGate.RequestId(),
            error = "",
            message = "",
            response = new
            {
                more = next is not null,
                next_cursor = next ?? "",
                order_list = page.Select(x => new { order_sn = x.Order.Id, order_status = Status(x.Order.Stage) }),
            },
        });
    }

    private static async Task<IResult> OrderDetail(HttpRequest request, SimState state, FaultGate gate)
    {
        var (error, _, shop) = Verify(request, state, shopApi: true);
        if (error is not null)
        {
            return error;
        }
        if (await gate.EnterAsync(P) is { } fault)
        {
            return fault;
        }
        var ids = request.Query["order_sn_list"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length is < 1 or > 50)
        {
            return Error("error_param", "order_sn_list should contain 1 to 50 order_sn.", 400);
        }
        var orders = ids.Select(id => state.FindOrder(P, shop!.ShopId, id)).OfType<SimOrder>().Select(Render).ToList();
        state.CountSuccessfulCall(P);
        return Results.Json(new { request_id = FaultGate.RequestId(), error = "", message = "", response = new { order_list = orders } });
    }

    public static object Render(SimOrder o) => new
    {
        order_sn = o.Id,
        order_status = Status(o.Stage),
        region = o.Buyer.Country,
        currency = o.Currency,
        cod = false,
        total_amount = o.Stage == SimStage.Unpaid ? (decimal?)null : o.GrandTotal,
        estimated_shipping_fee = o.ShippingFee,
        create_time = o.CreatedAt.ToUnixTimeSeconds(),
        update_time = o.UpdatedAt.ToUnixTimeSeconds(),
        pay_time = o.Stage == SimStage.Unpaid ? (long?)null : o.CreatedAt.ToUnixTimeSeconds() + 60,
        buyer_user_id = Math.Abs(o.Buyer.Email.GetHashCode()),
        buyer_username = o.Buyer.Email.Split('@')[0],
        message_to_seller = "",
        recipient_address = new
        {
            name = o.Buyer.FullName, phone = o.Buyer.Phone, town = "", district = o.Buyer.District, city = o.Buyer.City, state = o.Buyer.State,
            region = o.Buyer.Country, zipcode = o.Buyer.PostalCode, full_address = $"{o.Buyer.Address1}, {o.Buyer.District}, {o.Buyer.City}",
        },
        item_list = o.Items.GroupBy(i => i.Sku).Select((g, n) => new
        {
            item_id = 100000 + n, item_name = g.First().Name, item_sku = g.Key.Split('-')[0], model_id = 200000 + n, model_name = g.First().Variant ?? "",
            model_sku = g.Key, model_quantity_purchased = g.Count(), model_original_price = g.First().Price, model_discounted_price = g.First().Price,
        }),
        package_list = new[] { new { package_number = $"OFG{o.Id}", logistics_status = o.Stage >= SimStage.ReadyToShip ? "LOGISTICS_REQUEST_CREATED" : "LOGISTICS_READY" } },
    };

    /// <summary>What ship and cancel share: a signed shop call, the write-back fault gate, the body and the order it names.</summary>
    private static async Task<(IResult? Failure, SimShop Shop, JsonElement Body, SimOrder Order)> ReadWriteBackAsync(HttpRequest request, SimState state, FaultGate gate)
    {
        var (error, _, shop) = Verify(request, state, shopApi: true);
        if (error is not null)
        {
            return (error, null!, default, null!);
        }
        if (await gate.EnterAsync(P, writeBack: true) is { } fault)
        {
            return (fault, null!, default, null!);
        }
        var body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
        var order = state.FindOrder(P, shop!.ShopId, body.TryGetProperty("order_sn", out var sn) ? sn.GetString() : null);
        return order is null
            ? (Error("error_not_found", "Order not found.", 400), null!, default, null!)
            : (null, shop, body, order);
    }

    private static async Task<IResult> ShipOrder(HttpRequest request, SimState state, FaultGate gate)
    {
        var (failure, shop, body, order) = await ReadWriteBackAsync(request, state, gate);
        if (failure is not null)
        {
            return failure;
        }
        if (order.Stage is not (SimStage.ToShip or SimStage.Packed))
        {
            state.RecordPushBack(new PushedBack(P, shop.ShopId, order.Id, "ship_order", "refused: not READY_TO_SHIP", false, state.Time.GetUtcNow()));
            return Error("logistics.error_status", "logistic status not ready to ship", 400);
        }
        var tracking = body.TryGetProperty("non_integrated", out var ni) && ni.TryGetProperty("tracking_number", out var t) ? t.GetString() : null;
        state.Change(order, o =>
        {
            o.Stage = SimStage.ReadyToShip;
            o.TrackingNumber = tracking ?? $"SPX{o.Id}";
            return 0;
        });
        state.RecordPushBack(new PushedBack(P, shop.ShopId, order.Id, "ship_order", tracking, true, state.Time.GetUtcNow()));
        return Results.Json(new { request_id = FaultGate.RequestId(), error = "", message = "" });
    }

    private static async Task<IResult> CancelOrder(HttpRequest request, SimState state, FaultGate gate)
    {
        var (failure, shop, body, order) = await ReadWriteBackAsync(request, state, gate);
        if (failure is not null)
        {
            return failure;
        }
        if (order.Stage >= SimStage.Shipped)
        {
            return Error("error_param", "Order can not be cancelled after shipping.", 400);
        }
        state.Change(order, o => o.Stage = SimStage.Cancelled);
        state.RecordPushBack(new PushedBack(P, shop.ShopId, order.Id, "cancel_order", body.TryGetProperty("cancel_reason", out var r) ? r.GetString() : null, true, state.Time.GetUtcNow()));
        return Results.Json(new { request_id = FaultGate.RequestId(), error = "", message = "", response = new { update_time = order.UpdatedAt.ToUnixTimeSeconds() } });
    }
}
