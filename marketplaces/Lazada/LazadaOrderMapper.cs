using System.Text.Json;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.Lazada;

/// <summary>
/// Maps a Lazada order and its items (lazada.md §3, §4). Lazada has no order status: each unit is its own item with
/// its own status; the order takes the least advanced status of its live items, and every item status is kept as a tag.
/// </summary>
public static class LazadaOrderMapper
{
    public static OrderStatus MapItemStatus(string? status) => status switch
    {
        "unpaid" => OrderStatus.Unpaid,
        "pending" or "packed" or "repacked" or "ready_to_ship" or "topack" or "toship" => OrderStatus.ReadyToShip,
        "shipped" or "shipping" => OrderStatus.Shipped,
        "delivered" => OrderStatus.Delivered,
        "canceled" => OrderStatus.Cancelled,
        "returned" or "failed" or "failed_delivery" or "shipped_back" or "shipped_back_success" or "shipped_back_failed"
            or "lost" or "lost_by_3pl" or "damaged_by_3pl" or "package_scrapped" => OrderStatus.Returned,
        _ => OrderStatus.Pending,
    };

    public static OrderStatus Aggregate(IReadOnlyCollection<string?> itemStatuses)
    {
        var mapped = itemStatuses.Select(MapItemStatus).ToList();
        if (mapped.Count == 0)
        {
            return OrderStatus.Pending;
        }
        var live = mapped.Where(s => s is not (OrderStatus.Cancelled or OrderStatus.Returned)).ToList();
        if (live.Count == 0)
        {
            return mapped.Contains(OrderStatus.Returned) ? OrderStatus.Returned : OrderStatus.Cancelled;
        }
        return live.Min(); // the enum runs in lifecycle order, so the minimum is the least advanced item
    }

    public static OrderSnapshot Map(JsonElement order, IReadOnlyList<JsonElement> items, Guid accountId)
    {
        var orderId = order.Str("order_id") ?? throw new FormatException("Lazada order without order_id");
        var statuses = items.Select(i => i.Str("status")).ToList();
        if (statuses.Count == 0)
        {
            statuses = order.Arr("statuses").Select(s => s.GetString()).ToList();
        }
        var currency = items.Select(i => i.NonEmpty("currency")).FirstOrDefault(c => c is not null) ?? "MYR";

        // Each purchased unit is its own item: group units of one SKU (and price) into one line.
        var lines = items
            .Where(i => i.Str("status") != "canceled")
            .GroupBy(i => (Sku: i.NonEmpty("sku") ?? i.Str("shop_sku") ?? "?", Price: i.Dec("item_price") ?? 0m))
            .Select(g => new OrderItem(g.Key.Sku, g.First().Str("name") ?? "", g.First().NonEmpty("variation"), g.Count(), g.Key.Price,
                g.Sum(i => i.Dec("voucher_amount") ?? 0m)))
            .ToList();
        var itemsTotal = lines.Sum(l => l.UnitPrice * l.Quantity);
        var voucher = order.Dec("voucher") ?? 0m;
        var shipping = order.Dec("shipping_fee") ?? 0m;
        var price = order.Dec("price") ?? itemsTotal;
        var created = order.Iso("created_at") ?? DateTimeOffset.UnixEpoch;
        var updated = new[] { order.Iso("updated_at") }.Concat(items.Select(i => i.Iso("updated_at"))).Max() ?? created;

        var a = order.Prop("address_shipping");
        var address = a is { } s
            ? new ShippingAddress(Join(s.Str("first_name"), s.Str("last_name")), s.Str("address1"), s.NonEmpty("address2"), s.Str("city"),
                s.NonEmpty("address3") ?? s.NonEmpty("addressDsitrict"), s.Str("post_code"), s.Str("country"), s.NonEmpty("phone"))
            : null;

        var distinct = statuses.Distinct().ToList();
        var tags = new List<string> { $"lazada:item-statuses:{string.Join(',', distinct)}" };
        if (distinct.Count > 1)
        {
            tags.Add("partial:mixed-item-statuses");
        }
        tags.AddRange(items.Select(i => $"item:{i.Str("order_item_id")}:{i.Str("status")}"));

        return new OrderSnapshot
        {
            OperationId = MarketplaceOperation.SyncId(SourcePlatform.Lazada, orderId, updated, string.Join(',', statuses)),
            Platform = SourcePlatform.Lazada,
            AccountId = accountId.ToString(),
            PlatformOrderId = orderId,
            Customer = new Customer(Join(order.Str("customer_first_name"), order.Str("customer_last_name")) ?? "Lazada buyer", null, address?.Phone),
            ShippingAddress = address,
            Items = lines,
            Totals = new OrderTotals(itemsTotal, shipping, voucher, 0m, price - voucher + shipping),
            Currency = currency,
            OrderDate = created,
            PlatformCreatedAt = created,
            PlatformUpdatedAt = updated,
            Status = Aggregate(statuses),
            RawPayload = JsonSerializer.Serialize(new { order, items }),
            Notes = order.NonEmpty("buyer_note") ?? order.NonEmpty("remarks"),
            Tags = tags,
            Actor = Actor.PlatformSync(SourcePlatform.Lazada, accountId.ToString()),
        };
    }

    private static string? Join(string? first, string? last) =>
        string.Join(' ', new[] { first, last }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } name ? name : null;
}
