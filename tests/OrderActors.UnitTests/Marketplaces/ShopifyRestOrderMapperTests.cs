using System.Text;
using System.Text.Json;
using OrderActors.Marketplaces;
using OrderActors.Marketplaces.Shopify;
using OrderActors.Orders;

namespace OrderActors.UnitTests.Marketplaces;

/// <summary>Shopify's full-payload webhook body (REST shape) maps to the same order as a poll (GraphQL shape) reads.</summary>
public sealed class ShopifyRestOrderMapperTests
{
    private static readonly Guid Account = Guid.Parse("8c0d8f4e-0c55-4f0e-9b1e-2f1a3c4d5e6f");

    private const string Rest = """
        {"id":5501,"admin_graphql_api_id":"gid://shopify/Order/5501","name":"#1001","email":"budi@example.co.id","created_at":"2025-01-02T10:04:05+07:00",
         "updated_at":"2025-01-03T17:00:00+07:00","processed_at":"2025-01-02T10:04:05+07:00","cancelled_at":null,"closed_at":null,
         "financial_status":"paid","fulfillment_status":"partial","currency":"IDR","total_price":"250000.00","subtotal_price":"230000.00","total_tax":"0.00","total_discounts":"0.00",
         "total_shipping_price_set":{"shop_money":{"amount":"20000.00","currency_code":"IDR"},"presentment_money":{"amount":"20000.00","currency_code":"IDR"}},
         "customer":{"id":1,"first_name":"Budi","last_name":"Santoso","email":"budi@example.co.id","phone":"+6281234567890"},
         "shipping_address":{"first_name":"Budi","last_name":"Santoso","name":"Budi Santoso","address1":"Jl. Sudirman 1","address2":null,"city":"Jakarta","province":"DKI Jakarta","zip":"10220","country_code":"ID","phone":"+6281234567890"},
         "fulfillments":[{"id":9,"shipment_status":"in_transit"}],
         "line_items":[{"id":1,"sku":"KOPI-250","name":"Kopi Luwak 250g","title":"Kopi Luwak","variant_title":null,"quantity":2,"price":"115000.00","total_discount":"0.00"}]}
        """;

    private const string GraphQl = """
        {"id":"gid://shopify/Order/5501","name":"#1001","email":"budi@example.co.id","createdAt":"2025-01-02T03:04:05Z","updatedAt":"2025-01-03T10:00:00Z","processedAt":"2025-01-02T03:04:05Z",
         "cancelledAt":null,"closedAt":null,"displayFinancialStatus":"PAID","displayFulfillmentStatus":"PARTIALLY_FULFILLED","currencyCode":"IDR",
         "totalPriceSet":{"shopMoney":{"amount":"250000.0","currencyCode":"IDR"}},"subtotalPriceSet":{"shopMoney":{"amount":"230000.0","currencyCode":"IDR"}},
         "totalShippingPriceSet":{"shopMoney":{"amount":"20000.0","currencyCode":"IDR"}},"totalTaxSet":{"shopMoney":{"amount":"0.0","currencyCode":"IDR"}},
         "totalDiscountsSet":{"shopMoney":{"amount":"0.0","currencyCode":"IDR"}},
         "customer":{"firstName":"Budi","lastName":"Santoso","email":"budi@example.co.id","phone":"+6281234567890"},
         "shippingAddress":{"name":"Budi Santoso","address1":"Jl. Sudirman 1","city":"Jakarta","province":"DKI Jakarta","zip":"10220","countryCodeV2":"ID","phone":"+6281234567890"},
         "fulfillments":[{"displayStatus":"IN_TRANSIT"}],
         "lineItems":{"nodes":[{"id":"gid://shopify/LineItem/1","sku":"KOPI-250","name":"Kopi Luwak 250g","variantTitle":null,"quantity":2,"originalUnitPriceSet":{"shopMoney":{"amount":"115000.0","currencyCode":"IDR"}},"totalDiscountSet":{"shopMoney":{"amount":"0.0","currencyCode":"IDR"}}}]}}
        """;

    [Fact]
    public void A_full_payload_maps_like_the_polled_order_with_the_same_operation_id()
    {
        var rest = ShopifyRestOrderMapper.Map(JsonDocument.Parse(Rest).RootElement, Account);
        var polled = ShopifyOrderMapper.Map(JsonDocument.Parse(GraphQl).RootElement, Account);

        Assert.Equal(polled.OperationId, rest.OperationId); // the order grain treats the two as one change
        Assert.Equal(polled.OrderId, rest.OrderId);
        Assert.Equal(polled.Status, rest.Status);
        Assert.Equal(polled.Tags, rest.Tags);
        Assert.Equal(polled.Totals, rest.Totals);
        Assert.Equal(polled.Customer, rest.Customer);
        Assert.Equal(polled.ShippingAddress, rest.ShippingAddress);
        Assert.Equal(polled.Items, rest.Items);
        Assert.Equal(polled.PlatformCreatedAt, rest.PlatformCreatedAt);
        Assert.Equal(polled.PlatformUpdatedAt, rest.PlatformUpdatedAt);
        Assert.Equal(polled.Currency, rest.Currency);
    }

    [Theory]
    [InlineData("orders/create", true)]
    [InlineData("orders/updated", true)]
    [InlineData("orders/paid", false)]
    public void Only_whole_orders_of_the_full_payload_topics_are_taken_from_the_body(string topic, bool taken)
    {
        var connector = new ShopifyConnector(null!, Microsoft.Extensions.Options.Options.Create(new MarketplaceOptions()), TimeProvider.System);
        var account = new MarketplaceAccount(Account, SourcePlatform.Shopify, new PlatformCredentials { AppKey = "k", AppSecret = "s", ShopId = "shop" });
        WebhookDelivery Delivery(string body) => new()
        {
            Body = Encoding.UTF8.GetBytes(body),
            Headers = new Dictionary<string, string> { ["x-shopify-topic"] = topic },
            CallbackUrl = "http://localhost/",
        };

        Assert.Equal(taken, connector.OrderFromWebhook(account, Delivery(Rest)) is { PlatformOrderId: "5501" });
        // A push that names the order without its lines (as the simulator sends) is fetched instead.
        Assert.Null(connector.OrderFromWebhook(account, Delivery("""{"id":5501,"financial_status":"paid","updated_at":"2025-01-03T17:00:00+07:00"}""")));
    }
}
