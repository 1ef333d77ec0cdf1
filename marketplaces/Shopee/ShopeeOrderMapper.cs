using System.Text.Json;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.Shopee;

/// <summary>Maps a <c>get_order_detail</c> entry onto the unified order (shopee.md §3.2, §4; README mapping).</summary>
public static class ShopeeOrderMapper
{
    public static OrderStatus MapStatus(string? status) => status switch
    {
        "UNPAID" => OrderStatus.Unpaid,
        "READY_TO_SHIP" or "PROCESSED" or "RETRY_SHIP" => OrderStatus.ReadyToShip,
        "SHIPPED" => OrderStatus.Shipped,
        "TO_CONFIRM_RECEIVE" => OrderStatus.Delivered,
        "COMPLETED" => OrderStatus.Completed,
        "IN_CANCEL" or "CANCELLED" => OrderStatus.Cancelled,
        "TO_RETURN" => OrderStatus.Returned,
        _ => OrderStatus.Pending, // PENDING, INVOICE_PENDING and anything new
    };

    public static OrderSnapshot Map(JsonElement order, Guid accountId)
    {
        var orderSn = order.Str("order_sn") ?? throw new FormatException("Shopee order without order_sn");
        var status = order.Str("order_status");
        var currency = order.NonEmpty("currency") ?? "MYR";
        var items = order.Arr("item_list").Select(i =>
        {
            var original = i.Dec("model_original_price") ?? 0m;
            var discounted = i.Dec("model_discounted_price") ?? 0m;
            var quantity = (int)(i.Long("model_quantity_purchased") ?? 1);
            // A discounted price of 0 marks a bundle-deal line, not a free item.
            var unit = discounted > 0 ? discounted : original;
            return new OrderItem(
                i.NonEmpty("model_sku") ?? i.NonEmpty("item_sku") ?? i.Str("item_id") ?? "?",
                i.Str("item_name") ?? "",
                i.NonEmpty("model_name"),
                quantity,
                unit,
                0m);
        }).ToList();
        var itemsTotal = items.Sum(i => i.LineTotal);
        var shipping = order.Dec("estimated_shipping_fee") ?? order.Dec("actual_shipping_fee") ?? 0m;
        var grand = order.Dec("total_amount") ?? itemsTotal + shipping;
        var discount = Math.Max(0m, itemsTotal + shipping - grand);

        var address = order.Prop("recipient_address") is { } a
            ? new ShippingAddress(a.Str("name"), a.Str("full_address"), a.NonEmpty("district") ?? a.NonEmpty("town"), a.Str("city"), a.Str("state"), a.Str("zipcode"), a.Str("region"), a.Str("phone"))
            : null;
        var created = order.UnixSeconds("create_time") ?? DateTimeOffset.UnixEpoch;
        var updated = order.UnixSeconds("update_time") ?? created;

        var tags = new List<string> { $"shopee:status:{status}" };
        var packages = order.Arr("package_list").ToList();
        if (packages.Count > 1)
        {
            tags.Add("partial:split-packages");
        }
        tags.AddRange(packages.Select(p => $"package:{p.Str("package_number")}:{p.Str("logistics_status")}"));
        if (order.Bool("cod"))
        {
            tags.Add("cod");
        }

        return new OrderSnapshot
        {
            OperationId = MarketplaceOperation.SyncId(SourcePlatform.Shopee, orderSn, updated, status),
            Platform = SourcePlatform.Shopee,
            AccountId = accountId.ToString(),
            PlatformOrderId = orderSn,
            Customer = new Customer(order.NonEmpty("buyer_username") ?? address?.Recipient ?? "Shopee buyer", null, address?.Phone),
            ShippingAddress = address,
            Items = items,
            Totals = new OrderTotals(itemsTotal, shipping, discount, 0m, grand),
            Currency = currency,
            OrderDate = created,
            PlatformCreatedAt = created,
            PlatformUpdatedAt = updated,
            Status = MapStatus(status),
            RawPayload = order.GetRawText(),
            Notes = order.NonEmpty("message_to_seller"),
            Tags = tags,
            Actor = Actor.PlatformSync(SourcePlatform.Shopee, accountId.ToString()),
        };
    }
}
