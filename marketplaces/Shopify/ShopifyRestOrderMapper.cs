using System.Text.Json;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.Shopify;

/// <summary>
/// Maps an order in Shopify's REST shape (shopify.md §3.3), which is what full-payload webhooks (orders/create,
/// orders/updated) carry. Statuses are brought to the GraphQL display values first, so an order read from a webhook
/// and the same order read by a poll derive the same status, tags and operation id (the order grain dedupes them).
/// </summary>
public static class ShopifyRestOrderMapper
{
    /// <summary>A body carries the whole order only when it has the order's line items and times; pushes of a bare id do not.</summary>
    public static bool IsFullOrder(JsonElement order) =>
        order.ValueKind == JsonValueKind.Object && order.Prop("line_items") is { ValueKind: JsonValueKind.Array } && order.Iso("updated_at") is not null && order.Iso("created_at") is not null;

    public static OrderSnapshot Map(JsonElement order, Guid accountId)
    {
        var id = order.Str("id") ?? throw new FormatException("Shopify order without id");
        var financial = order.NonEmpty("financial_status")?.ToUpperInvariant();
        var fulfillment = order.NonEmpty("fulfillment_status") switch
        {
            null => "UNFULFILLED",
            "partial" => "PARTIALLY_FULFILLED",
            var other => other.ToUpperInvariant(),
        };
        var shipments = order.Arr("fulfillments").Select(f => f.NonEmpty("shipment_status")?.ToUpperInvariant()).ToList();
        var status = ShopifyOrderMapper.DeriveStatus(order.Prop("cancelled_at") is { ValueKind: JsonValueKind.String }, order.Prop("closed_at") is { ValueKind: JsonValueKind.String },
            financial, fulfillment, shipments);
        var currency = order.NonEmpty("currency") ?? "USD";
        var lines = order.Arr("line_items").Select(l => new OrderItem(
            l.NonEmpty("sku") ?? l.Str("id") ?? "?",
            l.Str("name") ?? l.Str("title") ?? "",
            l.NonEmpty("variant_title"),
            (int)(l.Long("quantity") ?? 1),
            Money(l, "price_set", "price"),
            Money(l, "total_discount_set", "total_discount"))).ToList();
        var created = order.Iso("created_at") ?? DateTimeOffset.UnixEpoch;
        var updated = order.Iso("updated_at") ?? created;
        var customer = order.Prop("customer") ?? default;
        var name = string.Join(' ', new[] { customer.Str("first_name"), customer.Str("last_name") }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var address = order.Prop("shipping_address") is { ValueKind: JsonValueKind.Object } s
            ? new ShippingAddress(s.NonEmpty("name") ?? string.Join(' ', new[] { s.Str("first_name"), s.Str("last_name") }.Where(p => !string.IsNullOrWhiteSpace(p))),
                s.Str("address1"), s.NonEmpty("address2"), s.Str("city"), s.Str("province"), s.Str("zip"), s.Str("country_code"), s.NonEmpty("phone"))
            : null;

        var tags = ShopifyOrderMapper.Tags(financial, fulfillment, shipments);

        return new OrderSnapshot
        {
            OperationId = ShopifyOrderMapper.OperationIdOf(id, updated, financial, fulfillment),
            Platform = SourcePlatform.Shopify,
            AccountId = accountId.ToString(),
            PlatformOrderId = id,
            Customer = ShopifyOrderMapper.CustomerOf(order, customer, name),
            ShippingAddress = address,
            Items = lines,
            Totals = new OrderTotals(Money(order, "subtotal_price_set", "subtotal_price"), Money(order, "total_shipping_price_set", null), Money(order, "total_discounts_set", "total_discounts"),
                Money(order, "total_tax_set", "total_tax"), Money(order, "total_price_set", "total_price")),
            Currency = currency,
            OrderDate = order.Iso("processed_at") ?? created,
            PlatformCreatedAt = created,
            PlatformUpdatedAt = updated,
            Status = status,
            RawPayload = order.GetRawText(),
            Notes = order.NonEmpty("note"),
            Tags = tags,
            Actor = Actor.PlatformSync(SourcePlatform.Shopify, accountId.ToString()),
        };
    }

    /// <summary>The shop-currency amount of a money set, else the plain decimal-string field.</summary>
    private static decimal Money(JsonElement owner, string set, string? plain) =>
        ((owner.Prop(set) ?? default).Prop("shop_money") ?? default).Dec("amount") ?? (plain is null ? null : owner.Dec(plain)) ?? 0m;
}
