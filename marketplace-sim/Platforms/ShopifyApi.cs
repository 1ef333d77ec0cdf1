using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrderActors.Marketplaces.Shopify;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Platforms;

/// <summary>
/// Shopify Admin under <c>/shopify/{shop}</c> (shopify.md §8): OAuth with HMAC, GraphQL with the operations the
/// connector uses (told apart by operation name), token header auth, cursor paging, THROTTLED and 429 answers.
/// </summary>
public static partial class ShopifyApi
{
    private const SourcePlatform P = SourcePlatform.Shopify;

    public static void MapShopify(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/shopify/{shop}");
        g.MapGet("/admin/oauth/authorize", Authorize);
        g.MapPost("/admin/oauth/access_token", AccessToken);
        g.MapPost("/admin/api/{version}/graphql.json", GraphQl);
    }

    private static IResult Authorize(string shop, HttpRequest request, SimState state)
    {
        var q = request.Query;
        var app = state.FindApp(P, q["client_id"]);
        if (app is null || state.FindShop(P, shop) is null)
        {
            return Results.BadRequest("Oauth error invalid_request: The client_id or shop is not valid");
        }
        if (ConsentPage.IsNeeded(request))
        {
            return ConsentPage.Render(request, "Shopify", app.AppKey, shop);
        }
        var query = new Dictionary<string, string>
        {
            ["code"] = state.IssueCode(P, shop),
            ["shop"] = $"{shop}.myshopify.com",
            ["state"] = q["state"].ToString(),
            ["timestamp"] = state.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        query["hmac"] = ShopifySigner.SignOAuth(app.AppSecret, query);
        return Results.Redirect($"{q["redirect_uri"]}?{string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"))}");
    }

    private static async Task<IResult> AccessToken(string shop, HttpRequest request, SimState state, FaultGate gate)
    {
        if (await gate.EnterAsync(P) is { } fault)
        {
            return fault;
        }
        var body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
        var app = state.FindApp(P, Prop(body, "client_id"));
        if (app is null || Prop(body, "client_secret") != app.AppSecret)
        {
            return Results.Json(new { error = "invalid_client", error_description = "Client credentials are invalid" }, statusCode: 401);
        }
        var token = Prop(body, "grant_type") == "refresh_token"
            ? state.Refresh(P, Prop(body, "refresh_token"))
            : state.RedeemCode(P, Prop(body, "code"));
        if (token is null || token.ShopId != shop)
        {
            return Results.Json(new { error = "invalid_request", error_description = "The authorization code or refresh token was not found or was already used" }, statusCode: 400);
        }
        return Results.Json(new
        {
            access_token = token.AccessToken,
            scope = "read_orders,write_orders,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders",
            expires_in = (long)(token.ExpiresAt - state.Time.GetUtcNow()).TotalSeconds,
            refresh_token = token.RefreshToken,
            refresh_token_expires_in = 7_776_000,
        });
    }

    private static async Task<IResult> GraphQl(string shop, HttpRequest request, SimState state, FaultGate gate)
    {
        var (check, token) = state.CheckToken(P, request.Headers["X-Shopify-Access-Token"]);
        if (check != SimState.TokenCheck.Valid || token!.ShopId != shop)
        {
            return Results.Json(new { errors = "[API] Invalid API key or access token (unrecognized login or wrong password)" }, statusCode: 401);
        }
        if (await gate.EnterAsync(P, writeBack: await IsMutationAsync(request)) is { } fault)
        {
            return fault;
        }
        var body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
        var variables = body.TryGetProperty("variables", out var v) ? v : default;
        var result = Prop(body, "operationName") switch
        {
            "ShopInfo" => Data(new { shop = new { name = $"Shop {shop}", myshopifyDomain = $"{shop}.myshopify.com" } }),
            "OrdersChanged" => OrdersChanged(shop, variables, state),
            "OrderDetail" => Data(new { order = Find(shop, Prop(variables, "id"), state) is { } o ? Render(o) : null }),
            "FulfillmentOrders" => FulfillmentOrders(shop, variables, state),
            "CreateFulfillment" => CreateFulfillment(shop, variables, state),
            "CancelOrder" => CancelOrder(shop, variables, state),
            var other => Results.Json(new { errors = new[] { new { message = $"Unknown operation {other}" } } }),
        };
        state.CountSuccessfulCall(P);
        return result;
    }

    private static async Task<bool> IsMutationAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var text = await reader.ReadToEndAsync();
        request.Body.Position = 0;
        return text.Contains("mutation", StringComparison.Ordinal);
    }

    private static IResult Data(object data) => Results.Json(new
    {
        data,
        extensions = new { cost = new { requestedQueryCost = 12, actualQueryCost = 12, throttleStatus = new { maximumAvailable = 2000.0, currentlyAvailable = 1988, restoreRate = 100.0 } } },
    });

    private static IResult OrdersChanged(string shop, JsonElement variables, SimState state)
    {
        var search = Prop(variables, "query") ?? "";
        var from = SearchBound().Match(search) is { Success: true } m1 ? DateTimeOffset.Parse(m1.Groups[1].Value, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
        var to = SearchUpper().Match(search) is { Success: true } m2 ? DateTimeOffset.Parse(m2.Groups[1].Value, CultureInfo.InvariantCulture) : DateTimeOffset.MaxValue;
        var orders = state.Orders(P, shop).Where(o => o.UpdatedAt >= from && o.UpdatedAt < to).ToList();
        var page = Keyset.Page(orders, o => (o.UpdatedAt.ToUnixTimeSeconds(), o.Id), Prop(variables, "cursor"), 100, out var next);
        return Data(new { orders = new { pageInfo = new { hasNextPage = next is not null, endCursor = next }, nodes = page.Select(Render) } });
    }

    private static IResult FulfillmentOrders(string shop, JsonElement variables, SimState state)
    {
        var order = Find(shop, Prop(variables, "id"), state);
        var status = order is null ? "CLOSED" : order.Stage is SimStage.ToShip or SimStage.Packed or SimStage.ReadyToShip ? "OPEN" : "CLOSED";
        return Data(new { order = order is null ? null : new { fulfillmentOrders = new { nodes = new[] { new { id = $"gid://shopify/FulfillmentOrder/{order.Id}1", status } } } } });
    }

    private static IResult CreateFulfillment(string shop, JsonElement variables, SimState state)
    {
        var input = variables.GetProperty("fulfillment");
        var foId = input.GetProperty("lineItemsByFulfillmentOrder")[0].GetProperty("fulfillmentOrderId").GetString()!;
        var orderId = foId["gid://shopify/FulfillmentOrder/".Length..^1];
        var order = state.FindOrder(P, shop, orderId);
        if (order is null || order.Stage is not (SimStage.ToShip or SimStage.Packed or SimStage.ReadyToShip))
        {
            return Data(new { fulfillmentCreate = new { fulfillment = (object?)null, userErrors = new[] { new { field = new[] { "fulfillment" }, message = "Fulfillment order is not in a fulfillable state" } } } });
        }
        var tracking = input.TryGetProperty("trackingInfo", out var t) && t.ValueKind == JsonValueKind.Object ? Prop(t, "number") : null;
        state.Change(order, o =>
        {
            o.Stage = SimStage.Shipped;
            o.TrackingNumber = tracking;
            return 0;
        });
        state.RecordPushBack(new PushedBack(P, shop, order.Id, "fulfillmentCreate", tracking, true, state.Time.GetUtcNow()));
        return Data(new { fulfillmentCreate = new { fulfillment = new { id = $"gid://shopify/Fulfillment/{order.Id}", status = "SUCCESS" }, userErrors = Array.Empty<object>() } });
    }

    private static IResult CancelOrder(string shop, JsonElement variables, SimState state)
    {
        var order = Find(shop, Prop(variables, "orderId"), state);
        if (order is null || order.Stage >= SimStage.Shipped)
        {
            return Data(new { orderCancel = new { job = (object?)null, orderCancelUserErrors = new[] { new { field = new[] { "orderId" }, message = "Cannot cancel a fulfilled order" } } } });
        }
        state.Change(order, o => o.Stage = SimStage.Cancelled);
        state.RecordPushBack(new PushedBack(P, shop, order.Id, "orderCancel", null, true, state.Time.GetUtcNow()));
        return Data(new { orderCancel = new { job = new { id = $"gid://shopify/Job/{Guid.NewGuid()}" }, orderCancelUserErrors = Array.Empty<object>() } });
    }

    private static SimOrder? Find(string shop, string? gid, SimState state) =>
        gid is null ? null : state.FindOrder(P, shop, gid[(gid.LastIndexOf('/') + 1)..]);

    private static string? Prop(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static object Money(decimal amount, string currency) => new { shopMoney = new { amount = amount.ToString("0.00", CultureInfo.InvariantCulture), currencyCode = currency } };

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static object Render(SimOrder o) => new
    {
        id = $"gid://shopify/Order/{o.Id}",
        name = $"#{1000 + int.Parse(o.Id[^4..], CultureInfo.InvariantCulture)}",
        email = o.Buyer.Email,
        phone = o.Buyer.Phone,
        note = (string?)null,
        createdAt = Iso(o.CreatedAt),
        updatedAt = Iso(o.UpdatedAt),
        processedAt = Iso(o.CreatedAt),
        cancelledAt = o.Stage == SimStage.Cancelled ? Iso(o.UpdatedAt) : null,
        closedAt = o.Stage == SimStage.Completed ? Iso(o.UpdatedAt) : null,
        displayFinancialStatus = o.Stage == SimStage.Unpaid ? "PENDING" : o.Stage == SimStage.Cancelled ? "VOIDED" : "PAID",
        displayFulfillmentStatus = o.Stage >= SimStage.Shipped && o.Stage != SimStage.Cancelled ? "FULFILLED" : "UNFULFILLED",
        currencyCode = o.Currency,
        totalPriceSet = Money(o.GrandTotal, o.Currency),
        subtotalPriceSet = Money(o.ItemsTotal - o.Discount, o.Currency),
        totalShippingPriceSet = Money(o.ShippingFee, o.Currency),
        totalTaxSet = Money(0, o.Currency),
        totalDiscountsSet = Money(o.Discount, o.Currency),
        customer = new { firstName = o.Buyer.FirstName, lastName = o.Buyer.LastName, email = o.Buyer.Email, phone = o.Buyer.Phone },
        shippingAddress = new { name = o.Buyer.FullName, address1 = o.Buyer.Address1, address2 = o.Buyer.District, city = o.Buyer.City, province = o.Buyer.State, zip = o.Buyer.PostalCode, countryCodeV2 = o.Buyer.Country, phone = o.Buyer.Phone },
        fulfillments = o.Stage is >= SimStage.Shipped and <= SimStage.Completed
            ? new[] { new { displayStatus = o.Stage == SimStage.Shipped ? "IN_TRANSIT" : "DELIVERED" } }
            : [],
        lineItems = new
        {
            nodes = o.Items.GroupBy(i => i.Sku).Select(g => new
            {
                id = $"gid://shopify/LineItem/{g.First().Id}", sku = g.Key, name = g.First().Name, variantTitle = g.First().Variant, quantity = g.Count(),
                originalUnitPriceSet = Money(g.First().Price, o.Currency), totalDiscountSet = Money(0, o.Currency),
            }),
        },
    };

    [GeneratedRegex(@"updated_at:>='([^']+)'")]
    private static partial Regex SearchBound();

    [GeneratedRegex(@"updated_at:<'([^']+)'")]
    private static partial Regex SearchUpper();
}
