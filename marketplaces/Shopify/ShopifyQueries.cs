namespace OrderActors.Marketplaces.Shopify;

/// <summary>The GraphQL Admin documents the connector sends (operation names let the simulator tell them apart).</summary>
internal static class ShopifyQueries
{
    private const string OrderFields = """
        id name email phone note createdAt updatedAt processedAt cancelledAt closedAt
        displayFinancialStatus displayFulfillmentStatus currencyCode
        totalPriceSet { shopMoney { amount currencyCode } }
        subtotalPriceSet { shopMoney { amount currencyCode } }
        totalShippingPriceSet { shopMoney { amount currencyCode } }
        totalTaxSet { shopMoney { amount currencyCode } }
        totalDiscountsSet { shopMoney { amount currencyCode } }
        customer { firstName lastName email phone }
        shippingAddress { name address1 address2 city province zip countryCodeV2 phone }
        fulfillments { displayStatus }
        lineItems(first: 100) { nodes { id sku name variantTitle quantity
          originalUnitPriceSet { shopMoney { amount currencyCode } }
          totalDiscountSet { shopMoney { amount currencyCode } } } }
        """;

    public const string Shop = "query ShopInfo { shop { name myshopifyDomain } }";

    public static readonly string OrdersChanged = $$"""
        query OrdersChanged($cursor: String, $query: String!) {
          orders(first: 100, after: $cursor, sortKey: UPDATED_AT, query: $query) {
            pageInfo { hasNextPage endCursor }
            nodes { {{OrderFields}} }
          }
        }
        """;

    public static readonly string OrderDetail = $$"""
        query OrderDetail($id: ID!) { order(id: $id) { {{OrderFields}} } }
        """;

    public const string FulfillmentOrders = """
        query FulfillmentOrders($id: ID!) {
          order(id: $id) { fulfillmentOrders(first: 10) { nodes { id status } } }
        }
        """;

    public const string CreateFulfillment = """
        mutation CreateFulfillment($fulfillment: FulfillmentInput!) {
          fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } }
        }
        """;

    public const string CancelOrder = """
        mutation CancelOrder($orderId: ID!) {
          orderCancel(orderId: $orderId, reason: CUSTOMER, refund: false, restock: true, notifyCustomer: false) {
            job { id } orderCancelUserErrors { field message }
          }
        }
        """;
}
