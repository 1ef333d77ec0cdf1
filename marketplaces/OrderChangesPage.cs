using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>One page of orders changed in a window, already mapped; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record OrderChangesPage(IReadOnlyList<OrderSnapshot> Orders, string? NextCursor);
