using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.ApiHost.Components.Workflows;

/// <summary>The dry run's sample order, field for field the <c>order</c> body of <c>POST /api/workflows/{id}/dry-run</c>.</summary>
public sealed class SampleOrderForm
{
    public SourcePlatform Platform { get; set; } = SourcePlatform.Manual;
    public decimal GrandTotal { get; set; } = 120m;
    public string? Currency { get; set; } = "USD";
    public int ItemCount { get; set; } = 2;
    public string? Skus { get; set; }
    public string? Tags { get; set; }
    public string? Country { get; set; } = "SG";
    public OrderStatus Status { get; set; } = OrderStatus.Pending;
    public string? OrderId { get; set; }

    /// <summary>The facts the dry-run endpoint builds from its sample order.</summary>
    public OrderFacts ToFacts() => new()
    {
        Platform = Platform,
        Account = "",
        GrandTotal = GrandTotal,
        Currency = Currency?.Trim() ?? "",
        ItemCount = Math.Max(0, ItemCount),
        Skus = List(Skus),
        Tags = List(Tags),
        Country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim(),
        Status = Status,
        HasShippingAddress = !string.IsNullOrWhiteSpace(Country),
    };

    private static List<string> List(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
