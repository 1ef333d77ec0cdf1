using System.Text.Json;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.Shopify;

/// <summary>
/// Maps a GraphQL Admin <c>Order</c> node (shopify.md §3.1, §4). Shopify has no single status: it is derived from
/// cancellation, closing, the financial and the fulfilment status and shipment progress; the parts are kept as tags.
/// </summary>
public static class ShopifyOrderMapper
{
    public static OrderStatus DeriveStatus(bool cancelled, bool closed, string? financial, string? fulfillment, IReadOnlyCollection<string?> shipmentStatuses)
    {
        if (cancelled)
        {
            return OrderStatus.Cancelled;
        }
        if (financial == "REFUNDED")
        {
            return OrderStatus.Refunded;
        }
        if (fulfillment == "FULFILLED")
        {
            if (closed)
            {
                return OrderStatus.Completed;
            }
            return shipmentStatuses.Count > 0 && shipmentStatuses.All(s => s == "DELIVERED") ? OrderStatus.Delivered : OrderStatus.Shipped;
        }
        return financial switch
        {
            "PENDING" or "AUTHORIZED" => OrderStatus.Pending,
            "PARTIALLY_PAID" or "EXPIRED" => OrderStatus.Unpaid,
            "VOIDED" => OrderStatus.Cancelled,
            _ => OrderStatus.ReadyToShip,
        };
    }

    /// <summary>The order's tags from its financial and fulfilment states and its shipments (the same for GraphQL and REST).</summary>
    public static List<string> Tags(string? financial, string? fulfillment, IEnumerable<string?> shipments)
    {
        var tags = new List<string> { $"shopify:financial:{financial}", $"shopify:fulfillment:{fulfillment}" };
        if (fulfillment == "PARTIALLY_FULFILLED")
        {
            tags.Add("partial:fulfilment");
        }
        if (financial == "PARTIALLY_REFUNDED")
        {
            tags.Add("partial:refund");
        }
        tags.AddRange(shipments.Select((s, i) => $"fulfillment:{i + 1}:{s}"));
        return tags;
    }

    /// <summary>The sync operation id: the same for an order polled (GraphQL) and pushed in full (REST), so the order grain dedupes them.</summary>
    public static string OperationIdOf(string id, DateTimeOffset updated, string? financial, string? fulfillment) =>
        MarketplaceOperation.SyncId(SourcePlatform.Shopify, id, updated, $"{financial}/{fulfillment}");

    /// <summary>The customer: the customer's name, else the order's name; the order's email and phone before the customer's.</summary>
    public static Customer CustomerOf(JsonElement order, JsonElement customer, string name) =>
        new(name.Length > 0 ? name : order.NonEmpty("name") ?? "Shopify customer", order.NonEmpty("email") ?? customer.NonEmpty("email"), order.NonEmpty("phone") ?? customer.NonEmpty("phone"));

    public static string LegacyId(string gid) => gid[(gid.LastIndexOf('/') + 1)..];

    public static OrderSnapshot Map(JsonElement order, Guid accountId)
    {
        var id = LegacyId(order.Str("id") ?? throw new FormatException("Shopify order without id"));
        var financial = order.Str("displayFinancialStatus");
        var fulfillment = order.Str("displayFulfillmentStatus");
        var shipments = order.Arr("fulfillments").Select(f => f.Str("displayStatus")).ToList();
        var status = DeriveStatus(order.Prop("cancelledAt") is not null, order.Prop("closedAt") is not null, financial, fulfillment, shipments);
        var currency = order.NonEmpty("currencyCode") ?? "USD";
        var lines = (order.Prop("lineItems") ?? default).Arr("nodes").Select(l => new OrderItem(
            l.NonEmpty("sku") ?? LegacyId(l.Str("id") ?? "?"),
            l.Str("name") ?? "",
            l.NonEmpty("variantTitle"),
            (int)(l.Long("quantity") ?? 1),
            Money(l, "originalUnitPriceSet"),
            Money(l, "totalDiscountSet"))).ToList();
        var created = order.Iso("createdAt") ?? DateTimeOffset.UnixEpoch;
        var updated = order.Iso("updatedAt") ?? created;
        var customer = order.Prop("customer") ?? default;
        var name = string.Join(' ', new[] { customer.Str("firstName"), customer.Str("lastName") }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var a = order.Prop("shippingAddress");
        var address = a is { } s
            ? new ShippingAddress(s.Str("name"), s.Str("address1"), s.NonEmpty("address2"), s.Str("city"), s.Str("province"), s.Str("zip"), s.Str("countryCodeV2"), s.NonEmpty("phone"))
            : null;

        var tags = Tags(financial, fulfillment, shipments);

        return new OrderSnapshot
        {
            OperationId = OperationIdOf(id, updated, financial, fulfillment),
            Platform = SourcePlatform.Shopify,
            AccountId = accountId.ToString(),
            PlatformOrderId = id,
            Customer = CustomerOf(order, customer, name),
            ShippingAddress = address,
            Items = lines,
            Totals = new OrderTotals(Money(order, "subtotalPriceSet"), Money(order, "totalShippingPriceSet"), Money(order, "totalDiscountsSet"), Money(order, "totalTaxSet"), Money(order, "totalPriceSet")),
            Currency = currency,
            OrderDate = order.Iso("processedAt") ?? created,
            PlatformCreatedAt = created,
            PlatformUpdatedAt = updated,
            Status = status,
            RawPayload = order.GetRawText(),
            Notes = order.NonEmpty("note"),
            Tags = tags,
            Actor = Actor.PlatformSync(SourcePlatform.Shopify, accountId.ToString()),
        };
    }

    private static decimal Money(JsonElement owner, string set) =>
        ((owner.Prop(set) ?? default).Prop("shopMoney") ?? default).Dec("amount") ?? 0m;
}
