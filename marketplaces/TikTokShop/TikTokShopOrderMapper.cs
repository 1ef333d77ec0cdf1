using System.Text.Json;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.TikTokShop;

/// <summary>Maps a TikTok Shop order (tiktok-shop.md §3.3, §4). Line items are single units; they are grouped by SKU.</summary>
public static class TikTokShopOrderMapper
{
    public static OrderStatus MapStatus(string? status) => status switch
    {
        "UNPAID" => OrderStatus.Unpaid,
        "ON_HOLD" => OrderStatus.Pending,
        "AWAITING_SHIPMENT" or "AWAITING_COLLECTION" or "PARTIALLY_SHIPPING" => OrderStatus.ReadyToShip,
        "IN_TRANSIT" => OrderStatus.Shipped,
        "DELIVERED" => OrderStatus.Delivered,
        "COMPLETED" => OrderStatus.Completed,
        "CANCELLED" or "CANCEL" => OrderStatus.Cancelled, // webhooks spell it CANCEL
        _ => OrderStatus.Pending,
    };

    public static OrderSnapshot Map(JsonElement order, Guid accountId)
    {
        var id = order.Str("id") ?? throw new FormatException("TikTok Shop order without id");
        var status = order.Str("status");
        var payment = order.Prop("payment") ?? default;
        var currency = payment.NonEmpty("currency") ?? "USD";
        var lineItems = order.Arr("line_items").ToList();
        var lines = lineItems
            .Where(l => l.Str("display_status") != "CANCELLED")
            .GroupBy(l => (Sku: l.NonEmpty("seller_sku") ?? l.Str("sku_id") ?? "?", Price: l.Dec("sale_price") ?? 0m))
            .Select(g => new OrderItem(g.Key.Sku, g.First().Str("product_name") ?? "", g.First().NonEmpty("sku_name"), g.Count(), g.Key.Price, 0m))
            .ToList();
        var itemsTotal = payment.Dec("sub_total") ?? lines.Sum(l => l.LineTotal);
        var shipping = payment.Dec("shipping_fee") ?? 0m;
        var discount = (payment.Dec("seller_discount") ?? 0m) + (payment.Dec("platform_discount") ?? 0m);
        var tax = payment.Dec("tax") ?? 0m;
        var grand = payment.Dec("total_amount") ?? itemsTotal + shipping + tax;

        var a = order.Prop("recipient_address");
        var address = a is { } r
            ? new ShippingAddress(r.Str("name"), r.NonEmpty("address_line1") ?? r.Str("full_address"), r.NonEmpty("address_line2"),
                r.Arr("district_info").Select(d => d.Str("address_name")).LastOrDefault(),
                r.Arr("district_info").Select(d => d.Str("address_name")).Skip(1).FirstOrDefault(),
                r.Str("postal_code"), r.Str("region_code"), r.NonEmpty("phone_number"))
            : null;
        var created = order.UnixSeconds("create_time") ?? DateTimeOffset.UnixEpoch;
        var updated = order.UnixSeconds("update_time") ?? created;

        var tags = new List<string> { $"tiktok:status:{status}" };
        if (status == "PARTIALLY_SHIPPING")
        {
            tags.Add("partial:shipping");
        }
        if (order.Bool("is_on_hold_order"))
        {
            tags.Add("on-hold");
        }
        tags.AddRange(lineItems.Select(l => $"item:{l.Str("id")}:{l.Str("display_status")}"));
        tags.AddRange(order.Arr("packages").Select(p => $"package:{p.Str("id")}"));

        return new OrderSnapshot
        {
            OperationId = MarketplaceOperation.SyncId(SourcePlatform.TikTokShop, id, updated, status),
            Platform = SourcePlatform.TikTokShop,
            AccountId = accountId.ToString(),
            PlatformOrderId = id,
            Customer = new Customer(address?.Recipient ?? "TikTok Shop buyer", order.NonEmpty("buyer_email"), address?.Phone),
            ShippingAddress = address,
            Items = lines,
            Totals = new OrderTotals(itemsTotal, shipping, discount, tax, grand),
            Currency = currency,
            OrderDate = created,
            PlatformCreatedAt = created,
            PlatformUpdatedAt = updated,
            Status = MapStatus(status),
            RawPayload = order.GetRawText(),
            Notes = order.NonEmpty("buyer_message"),
            Tags = tags,
            Actor = Actor.PlatformSync(SourcePlatform.TikTokShop, accountId.ToString()),
        };
    }
}
