namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>The body of <c>POST /api/orders</c>: a manual order.</summary>
public sealed record CreateOrderRequest
{
    public string? Platform { get; init; }
    public string? AccountId { get; init; }
    public string? PlatformOrderId { get; init; }
    public CustomerRequest? Customer { get; init; }
    public AddressRequest? ShippingAddress { get; init; }
    public string? Currency { get; init; }
    public List<OrderItemRequest>? Items { get; init; }
    public decimal ShippingFee { get; init; }
    public decimal Discount { get; init; }
    public decimal Tax { get; init; }
    public decimal? GrandTotal { get; init; }
    public DateTimeOffset? OrderDate { get; init; }
    public string? Notes { get; init; }
    public List<string>? Tags { get; init; }
}

public sealed record CustomerRequest(string? Name, string? Email, string? Phone);

public sealed record AddressRequest(string? Recipient, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country, string? Phone);

public sealed record OrderItemRequest(string? Sku, string? Name, string? Variant, decimal Quantity, decimal UnitPrice, decimal Discount = 0);
