using System.Globalization;
using System.Text;
using System.Text.Json;
using OrderActors.Marketplaces.Lazada;
using OrderActors.Marketplaces.Shopee;
using OrderActors.Marketplaces.Shopify;
using OrderActors.Marketplaces.TikTokShop;
using OrderActors.MarketplaceSim.Model;
using OrderActors.MarketplaceSim.Platforms;
using OrderActors.Orders;

namespace OrderActors.Bench.Ingest.EndToEnd;

/// <summary>
/// One webhook delivery as each platform sends it: the exact body bytes and the signature headers made with the
/// connectors' own signing code. Shopify deliveries carry the full order (as Shopify's orders/create topic does);
/// Shopee, Lazada and TikTok Shop push the order id and status only.
/// </summary>
public sealed record SignedWebhook(string Url, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public static SignedWebhook For(BenchShop shop, SimOrder order, string url)
    {
        var updated = order.UpdatedAt.ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>();
        byte[] body;
        switch (shop.Platform)
        {
            case SourcePlatform.Shopee:
                body = Json(new
                {
                    data = new { items = Array.Empty<object>(), ordersn = order.Id, status = ShopeeApi.Status(order.Stage), completed_scenario = "", update_time = updated },
                    shop_id = long.Parse(shop.ShopId, CultureInfo.InvariantCulture), code = 3, timestamp = updated,
                });
                headers["Authorization"] = ShopeeSigner.SignPush(shop.AppSecret, url, body);
                break;
            case SourcePlatform.Lazada:
                body = Json(new
                {
                    seller_id = shop.ShopId, message_type = 0,
                    data = new { order_status = LazadaApi.ItemStatus(order.Items[0].Stage), trade_order_id = order.Id, trade_order_line_id = order.Items[0].Id, status_update_time = updated },
                    timestamp = order.UpdatedAt.ToUnixTimeMilliseconds(), site = "lazada_vn",
                });
                headers["Authorization"] = LazadaSigner.SignPush(shop.AppKey, shop.AppSecret, body);
                break;
            case SourcePlatform.Shopify:
                body = Json(ShopifyOrder(order));
                headers["X-Shopify-Topic"] = "orders/create";
                headers["X-Shopify-Hmac-Sha256"] = ShopifySigner.SignWebhook(shop.AppSecret, body);
                headers["X-Shopify-Shop-Domain"] = $"{shop.ShopId}.myshopify.com";
                headers["X-Shopify-API-Version"] = "2025-01";
                headers["X-Shopify-Webhook-Id"] = Guid.NewGuid().ToString();
                headers["X-Shopify-Event-Id"] = $"{order.Id}-{order.Revision}";
                headers["X-Shopify-Triggered-At"] = order.UpdatedAt.ToString("o", CultureInfo.InvariantCulture);
                break;
            default:
                body = Json(new
                {
                    type = 1, tts_notification_id = $"73{order.Id[^10..]}{order.Revision:D4}", shop_id = shop.ShopId, timestamp = updated,
                    data = new { order_id = order.Id, order_status = TikTokShopApi.Status(order.Stage), is_on_hold_order = false, update_time = updated },
                });
                headers["Authorization"] = TikTokShopSigner.SignWebhook(shop.AppKey, shop.AppSecret, body);
                break;
        }
        return new SignedWebhook(url, body, headers);
    }

    /// <summary>The orders/create body in Shopify's REST shape: customer, addresses, line items, money sets, totals.</summary>
    private static object ShopifyOrder(SimOrder order)
    {
        var b = order.Buyer;
        var address = new
        {
            first_name = b.FirstName, last_name = b.LastName, address1 = b.Address1, address2 = b.District, city = b.City, province = b.State,
            zip = b.PostalCode, country_code = b.Country, phone = b.Phone, name = b.FullName,
        };
        string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
        object MoneySet(decimal amount) => new
        {
            shop_money = new { amount = Money(amount), currency_code = order.Currency },
            presentment_money = new { amount = Money(amount), currency_code = order.Currency },
        };
        return new
        {
            id = long.Parse(order.Id, CultureInfo.InvariantCulture),
            admin_graphql_api_id = $"gid://shopify/Order/{order.Id}",
            name = $"#{order.Id[^4..]}",
            order_number = long.Parse(order.Id[^6..], CultureInfo.InvariantCulture),
            email = b.Email,
            phone = b.Phone,
            created_at = order.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            updated_at = order.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            currency = order.Currency,
            presentment_currency = order.Currency,
            financial_status = "paid",
            fulfillment_status = (string?)null,
            subtotal_price = Money(order.ItemsTotal),
            total_discounts = Money(order.Discount),
            total_price = Money(order.GrandTotal),
            total_tax = "0.00",
            total_price_set = MoneySet(order.GrandTotal),
            total_shipping_price_set = MoneySet(order.ShippingFee),
            customer = new { id = 7_000_000_000L + order.Id.GetHashCode() % 1_000_000, email = b.Email, first_name = b.FirstName, last_name = b.LastName, phone = b.Phone, default_address = address },
            billing_address = address,
            shipping_address = address,
            line_items = order.Items.Select((item, i) => new
            {
                id = long.Parse(order.Id[^9..], CultureInfo.InvariantCulture) * 10 + i,
                admin_graphql_api_id = $"gid://shopify/LineItem/{item.Id}",
                sku = item.Sku, name = item.Name, title = item.Name, variant_title = item.Variant, quantity = 1,
                price = Money(item.Price), price_set = MoneySet(item.Price), total_discount = "0.00", requires_shipping = true, taxable = true,
                fulfillment_status = (string?)null, vendor = "OrderActors bench", grams = 350,
            }).ToList(),
            shipping_lines = new[] { new { code = "Standard", title = "Standard shipping", price = Money(order.ShippingFee), price_set = MoneySet(order.ShippingFee) } },
            discount_codes = Array.Empty<object>(),
            note_attributes = Array.Empty<object>(),
            tags = "",
            source_name = "web",
            gateway = "shopify_payments",
        };
    }

    private static byte[] Json(object payload) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload));
}
