namespace OrderActors.ReadModel;

/// <summary>A sort order of order lists: a column, a direction, and the id as tie-breaker for keyset paging.</summary>
public sealed record OrderSort(string Name, string Column, bool Descending, bool IsMoney)
{
    public static readonly OrderSort Default = new("-orderDate", "order_date", true, false);

    public static IReadOnlyList<OrderSort> All { get; } =
    [
        Default,
        new("orderDate", "order_date", false, false),
        new("-updatedAt", "updated_at", true, false),
        new("updatedAt", "updated_at", false, false),
        new("-grandTotal", "grand_total", true, true),
        new("grandTotal", "grand_total", false, true),
    ];

    public static OrderSort? Parse(string? name) =>
        string.IsNullOrEmpty(name) ? Default : All.FirstOrDefault(s => s.Name == name);
}
