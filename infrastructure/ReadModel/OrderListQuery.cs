namespace OrderActors.ReadModel;

/// <summary>Filters, sort and keyset position of an order list; <see cref="After"/> is the opaque cursor of the previous page.</summary>
public sealed record OrderListQuery
{
    public string? Platform { get; init; }
    public string? Account { get; init; }
    public string? Status { get; init; }
    public string? WorkflowStatus { get; init; }
    public string? Text { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public OrderSort Sort { get; init; } = OrderSort.Default;
    public int Limit { get; init; } = 50;
    public string? After { get; init; }
}

public sealed record OrderListPage(IReadOnlyList<OrderSummary> Items, string? Next);
