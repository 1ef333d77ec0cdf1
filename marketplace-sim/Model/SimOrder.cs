using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Model;

/// <summary>An order held by the simulator. Items are single units (Lazada and TikTok style) with their own stage.</summary>
public sealed class SimOrder
{
    public required SourcePlatform Platform { get; init; }
    public required string ShopId { get; init; }
    public required string Id { get; init; }
    public required string Currency { get; init; }
    public required SimBuyer Buyer { get; init; }
    public required List<SimItem> Items { get; init; }
    public required decimal ShippingFee { get; init; }
    public required decimal Discount { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public SimStage Stage { get; set; }
    public string? TrackingNumber { get; set; }
    public int Revision { get; set; }

    public decimal ItemsTotal => Items.Sum(i => i.Price);

    public decimal GrandTotal => ItemsTotal + ShippingFee - Discount;
}

public sealed class SimItem
{
    public required string Id { get; init; }
    public required string Sku { get; init; }
    public required string Name { get; init; }
    public string? Variant { get; init; }
    public required decimal Price { get; init; }
    public SimStage Stage { get; set; }
    public string? PackageId { get; set; }
}

public sealed record SimBuyer(string FirstName, string LastName, string Email, string Phone, string Address1, string District, string City, string State, string PostalCode, string Country)
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}
