using OrderActors.Orders;

namespace OrderActors.Workflows;

/// <summary>The facts about an order that flow conditions may read.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.OrderFacts")]
public sealed record OrderFacts
{
    [Id(0)] public Guid OrderId { get; init; }
    [Id(1)] public SourcePlatform Platform { get; init; }
    [Id(2)] public string Account { get; init; } = "";
    [Id(3)] public decimal GrandTotal { get; init; }
    [Id(4)] public string Currency { get; init; } = "";
    [Id(5)] public int ItemCount { get; init; }
    [Id(6)] public IReadOnlyList<string> Skus { get; init; } = [];
    [Id(7)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(8)] public string? Country { get; init; }
    [Id(9)] public OrderStatus Status { get; init; }
    [Id(10)] public IReadOnlyList<OrderItem> Items { get; init; } = [];
    [Id(11)] public bool HasShippingAddress { get; init; }

    /// <summary>Set for flows triggered by a return request.</summary>
    [Id(12)] public ReturnFacts? Return { get; init; }

    public static OrderFacts From(OrderDetails order) => new()
    {
        OrderId = order.Id,
        Platform = order.Platform,
        Account = order.AccountId,
        GrandTotal = order.Totals.GrandTotal,
        Currency = order.Currency,
        ItemCount = order.Items.Sum(i => i.Quantity),
        Skus = order.Items.Select(i => i.Sku).Distinct().ToList(),
        Tags = order.Tags,
        Country = string.IsNullOrWhiteSpace(order.ShippingAddress?.Country) ? null : order.ShippingAddress.Country,
        Status = order.Status,
        Items = order.Items,
        HasShippingAddress = order.ShippingAddress is not null,
    };
}
