using System.Text.Json;
using OrderActors.Marketplaces.Lazada;
using OrderActors.Marketplaces.Shopee;
using OrderActors.Marketplaces.Shopify;
using OrderActors.Marketplaces.TikTokShop;
using OrderActors.Orders;

namespace OrderActors.UnitTests.Marketplaces;

public sealed class OrderMappingTests
{
    private static readonly Guid Account = Guid.Parse("8c0d8f4e-0c55-4f0e-9b1e-2f1a3c4d5e6f");

    [Fact]
    public void Shopee_detail_maps_float_money_exactly_unix_times_to_utc_and_keeps_packages_as_detail()
    {
        var order = Parse("""
            {"order_sn":"2404098R48U37H","order_status":"READY_TO_SHIP","region":"MY","currency":"MYR","cod":false,
             "total_amount":84.8,"estimated_shipping_fee":5.0,"create_time":1712650000,"update_time":1712653600,
             "buyer_username":"siti_r","message_to_seller":"Please wrap",
             "recipient_address":{"name":"Siti Rahman","phone":"6012****789","town":"","district":"Bangsar","city":"Kuala Lumpur","state":"W.P. Kuala Lumpur","region":"MY","zipcode":"59100","full_address":"12 Jalan Telawi 3"},
             "item_list":[{"item_id":1,"item_name":"Batik shirt","item_sku":"BATIK","model_name":"M / Blue","model_sku":"BATIK-M-BLU","model_quantity_purchased":2,"model_original_price":45.9,"model_discounted_price":39.9}],
             "package_list":[{"package_number":"P1","logistics_status":"LOGISTICS_READY"},{"package_number":"P2","logistics_status":"LOGISTICS_NOT_START"}]}
            """);

        var s = ShopeeOrderMapper.Map(order, Account);

        Assert.Equal("2404098R48U37H", s.PlatformOrderId);
        Assert.Equal(OrderStatus.ReadyToShip, s.Status);
        Assert.Equal(84.8m, s.Totals.GrandTotal);
        Assert.Equal(79.8m, s.Totals.Items);
        Assert.Equal(5.0m, s.Totals.Shipping);
        Assert.Equal(new OrderItem("BATIK-M-BLU", "Batik shirt", "M / Blue", 2, 39.9m, 0m), s.Items.Single());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1712653600), s.PlatformUpdatedAt);
        Assert.Equal(TimeSpan.Zero, s.OrderDate.Offset);
        Assert.Equal("Kuala Lumpur", s.ShippingAddress!.City);
        Assert.Contains("partial:split-packages", s.Tags);
        Assert.Contains("package:P2:LOGISTICS_NOT_START", s.Tags);
        Assert.Contains("READY_TO_SHIP", s.RawPayload);
        Assert.Equal(Account.ToString(), s.AccountId);
    }

    [Theory]
    [InlineData("UNPAID", OrderStatus.Unpaid)]
    [InlineData("PROCESSED", OrderStatus.ReadyToShip)]
    [InlineData("RETRY_SHIP", OrderStatus.ReadyToShip)]
    [InlineData("SHIPPED", OrderStatus.Shipped)]
    [InlineData("TO_CONFIRM_RECEIVE", OrderStatus.Delivered)]
    [InlineData("COMPLETED", OrderStatus.Completed)]
    [InlineData("IN_CANCEL", OrderStatus.Cancelled)]
    [InlineData("TO_RETURN", OrderStatus.Returned)]
    [InlineData("INVOICE_PENDING", OrderStatus.Pending)]
    public void Shopee_statuses_follow_the_shared_mapping(string status, OrderStatus expected) =>
        Assert.Equal(expected, ShopeeOrderMapper.MapStatus(status));

    [Fact]
    public void Lazada_items_are_grouped_per_sku_and_the_least_advanced_live_item_sets_the_status()
    {
        var order = Parse("""
            {"order_id":"491253082180001","order_number":"491253082180001","created_at":"2024-04-09T22:44:30+08:00","updated_at":"2024-04-10T09:00:00+08:00",
             "customer_first_name":"Nguyen","customer_last_name":"Van An","price":"300000.00","voucher":"20000.00","shipping_fee":"15000.00",
             "statuses":["pending","canceled","packed"],
             "address_shipping":{"first_name":"Nguyen Van An","last_name":"","phone":"84*****321","address1":"25 Ly Thuong Kiet","city":"Ha Noi","post_code":"100000","country":"Vietnam"}}
            """);
        var items = new[]
        {
            Parse("""{"order_item_id":"1","status":"packed","sku":"AO-DAI-S","name":"Ao dai","item_price":"100000.00","voucher_amount":"10000.00","currency":"VND","updated_at":"2024-04-10T10:00:00+08:00"}"""),
            Parse("""{"order_item_id":"2","status":"pending","sku":"AO-DAI-S","name":"Ao dai","item_price":"100000.00","voucher_amount":"10000.00","currency":"VND","updated_at":"2024-04-10T09:00:00+08:00"}"""),
            Parse("""{"order_item_id":"3","status":"canceled","sku":"NON-LA","name":"Non la","item_price":"100000.00","currency":"VND","updated_at":"2024-04-10T09:30:00+08:00"}"""),
        };

        var s = LazadaOrderMapper.Map(order, items, Account);

        Assert.Equal(OrderStatus.ReadyToShip, s.Status);
        Assert.Equal("VND", s.Currency);
        var line = Assert.Single(s.Items);
        Assert.Equal(("AO-DAI-S", 2, 100000m, 20000m), (line.Sku, line.Quantity, line.UnitPrice, line.Discount));
        Assert.Equal(295000m, s.Totals.GrandTotal); // price - voucher + shipping
        Assert.Equal(new DateTimeOffset(2024, 4, 10, 2, 0, 0, TimeSpan.Zero), s.PlatformUpdatedAt); // newest item change, in UTC
        Assert.Equal(new DateTimeOffset(2024, 4, 9, 14, 44, 30, TimeSpan.Zero), s.OrderDate);
        Assert.Contains("partial:mixed-item-statuses", s.Tags);
        Assert.Contains("item:3:canceled", s.Tags);
    }

    [Theory]
    [InlineData(new[] { "canceled", "canceled" }, OrderStatus.Cancelled)]
    [InlineData(new[] { "delivered", "returned" }, OrderStatus.Delivered)]
    [InlineData(new[] { "returned", "canceled" }, OrderStatus.Returned)]
    [InlineData(new[] { "shipped", "ready_to_ship" }, OrderStatus.ReadyToShip)]
    [InlineData(new[] { "unpaid" }, OrderStatus.Unpaid)]
    public void Lazada_aggregation(string[] statuses, OrderStatus expected) =>
        Assert.Equal(expected, LazadaOrderMapper.Aggregate(statuses));

    [Fact]
    public void Shopify_status_is_derived_from_financial_fulfilment_and_shipment_parts()
    {
        var order = Parse("""
            {"id":"gid://shopify/Order/5501","name":"#1001","email":"budi@example.co.id","createdAt":"2025-01-02T03:04:05Z","updatedAt":"2025-01-03T10:00:00Z","processedAt":"2025-01-02T03:04:05Z",
             "cancelledAt":null,"closedAt":null,"displayFinancialStatus":"PAID","displayFulfillmentStatus":"PARTIALLY_FULFILLED","currencyCode":"IDR",
             "totalPriceSet":{"shopMoney":{"amount":"250000.0","currencyCode":"IDR"}},"subtotalPriceSet":{"shopMoney":{"amount":"230000.0","currencyCode":"IDR"}},
             "totalShippingPriceSet":{"shopMoney":{"amount":"20000.0","currencyCode":"IDR"}},"totalTaxSet":{"shopMoney":{"amount":"0.0","currencyCode":"IDR"}},
             "totalDiscountsSet":{"shopMoney":{"amount":"0.0","currencyCode":"IDR"}},
             "customer":{"firstName":"Budi","lastName":"Santoso","email":"budi@example.co.id","phone":"+6281234567890"},
             "shippingAddress":{"name":"Budi Santoso","address1":"Jl. Sudirman 1","city":"Jakarta","province":"DKI Jakarta","zip":"10220","countryCodeV2":"ID","phone":"+6281234567890"},
             "fulfillments":[{"displayStatus":"IN_TRANSIT"}],
             "lineItems":{"nodes":[{"id":"gid://shopify/LineItem/1","sku":"KOPI-250","name":"Kopi Luwak 250g","variantTitle":null,"quantity":2,"originalUnitPriceSet":{"shopMoney":{"amount":"115000.0","currencyCode":"IDR"}},"totalDiscountSet":{"shopMoney":{"amount":"0.0","currencyCode":"IDR"}}}]}}
            """);

        var s = ShopifyOrderMapper.Map(order, Account);

        Assert.Equal("5501", s.PlatformOrderId);
        Assert.Equal(OrderStatus.ReadyToShip, s.Status);
        Assert.Contains("partial:fulfilment", s.Tags);
        Assert.Equal(250000m, s.Totals.GrandTotal);
        Assert.Equal("Budi Santoso", s.Customer.Name);
        Assert.Equal(2, s.Items.Single().Quantity);
    }

    [Theory]
    [InlineData(true, false, "PAID", "UNFULFILLED", null, OrderStatus.Cancelled)]
    [InlineData(false, false, "REFUNDED", "FULFILLED", "DELIVERED", OrderStatus.Refunded)]
    [InlineData(false, false, "PAID", "FULFILLED", "IN_TRANSIT", OrderStatus.Shipped)]
    [InlineData(false, false, "PAID", "FULFILLED", "DELIVERED", OrderStatus.Delivered)]
    [InlineData(false, true, "PAID", "FULFILLED", "DELIVERED", OrderStatus.Completed)]
    [InlineData(false, false, "AUTHORIZED", "UNFULFILLED", null, OrderStatus.Pending)]
    [InlineData(false, false, "PARTIALLY_PAID", "UNFULFILLED", null, OrderStatus.Unpaid)]
    public void Shopify_derivations(bool cancelled, bool closed, string financial, string fulfillment, string? shipment, OrderStatus expected) =>
        Assert.Equal(expected, ShopifyOrderMapper.DeriveStatus(cancelled, closed, financial, fulfillment, shipment is null ? [] : [shipment]));

    [Fact]
    public void TikTok_order_maps_string_money_and_unit_line_items()
    {
        var order = Parse("""
            {"id":"576486316948490001","status":"PARTIALLY_SHIPPING","create_time":1644412885,"update_time":1644416485,"buyer_email":"v1x2@chat.seller.tiktok.com",
             "payment":{"currency":"THB","sub_total":"598.00","shipping_fee":"40.00","seller_discount":"20.00","platform_discount":"0.00","tax":"0.00","total_amount":"618.00"},
             "recipient_address":{"name":"Somchai Jaidee","phone_number":"(+66)81****567","address_line1":"99 Sukhumvit Rd","postal_code":"10110","region_code":"TH",
               "district_info":[{"address_level":"L0","address_name":"Thailand"},{"address_level":"L1","address_name":"Bangkok"},{"address_level":"L2","address_name":"Khlong Toei"}]},
             "line_items":[{"id":"a","seller_sku":"MANGO-1KG","product_name":"Dried mango","sale_price":"299.00","display_status":"IN_TRANSIT","package_id":"P1"},
                           {"id":"b","seller_sku":"MANGO-1KG","product_name":"Dried mango","sale_price":"299.00","display_status":"AWAITING_SHIPMENT","package_id":"P2"}],
             "packages":[{"id":"P1"},{"id":"P2"}]}
            """);

        var s = TikTokShopOrderMapper.Map(order, Account);

        Assert.Equal(OrderStatus.ReadyToShip, s.Status);
        Assert.Contains("partial:shipping", s.Tags);
        Assert.Contains("item:b:AWAITING_SHIPMENT", s.Tags);
        Assert.Equal(618.00m, s.Totals.GrandTotal);
        Assert.Equal(20m, s.Totals.Discount);
        Assert.Equal(("MANGO-1KG", 2, 299.00m), (s.Items.Single().Sku, s.Items.Single().Quantity, s.Items.Single().UnitPrice));
        Assert.Equal("Khlong Toei", s.ShippingAddress!.City);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1644416485), s.PlatformUpdatedAt);
    }

    [Theory]
    [InlineData("CANCEL", OrderStatus.Cancelled)]
    [InlineData("CANCELLED", OrderStatus.Cancelled)]
    [InlineData("ON_HOLD", OrderStatus.Pending)]
    [InlineData("AWAITING_COLLECTION", OrderStatus.ReadyToShip)]
    [InlineData("IN_TRANSIT", OrderStatus.Shipped)]
    public void TikTok_statuses_follow_the_shared_mapping(string status, OrderStatus expected) =>
        Assert.Equal(expected, TikTokShopOrderMapper.MapStatus(status));

    [Fact]
    public void The_same_update_gives_the_same_operation_id_and_a_newer_one_a_different_id()
    {
        const string template = """{"order_sn":"X1","order_status":"SHIPPED","currency":"SGD","create_time":1712650000,"update_time":UPDATED,"item_list":[]}""";
        var first = ShopeeOrderMapper.Map(Parse(template.Replace("UPDATED", "1712653600")), Account);
        var again = ShopeeOrderMapper.Map(Parse(template.Replace("UPDATED", "1712653600")), Account);
        var later = ShopeeOrderMapper.Map(Parse(template.Replace("UPDATED", "1712653601")), Account);

        Assert.Equal(first.OperationId, again.OperationId);
        Assert.NotEqual(first.OperationId, later.OperationId);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
