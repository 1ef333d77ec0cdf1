using OrderActors.Orders;

namespace OrderActors.Billing;

/// <summary>An invoice before its series gives it a number.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Billing.InvoiceDraft")]
public sealed record InvoiceDraft
{
    [Id(0)] public required Guid OrderId { get; init; }
    [Id(1)] public required string StoreId { get; init; }
    [Id(2)] public required string Currency { get; init; }
    [Id(3)] public required bool PricesIncludeTax { get; init; }
    [Id(4)] public required string CustomerName { get; init; }
    [Id(5)] public required IReadOnlyList<InvoiceLine> Lines { get; init; }
    [Id(6)] public required InvoiceTotals Totals { get; init; }
    [Id(7)] public required Actor Actor { get; init; }
    [Id(8)] public string? PlatformOrderId { get; init; }
}
