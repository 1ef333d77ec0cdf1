namespace OrderActors.Returns;

/// <summary>Filters of the returns list; every filter is optional, text matches the RMA number or the customer's name.</summary>
public sealed record ReturnListQuery
{
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public Guid? OrderId { get; init; }
    public string? Channel { get; init; }
    public string? Text { get; init; }

    /// <summary>Created at or after (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Created before (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    public int Limit { get; init; } = 50;
    public ReturnListCursor? After { get; init; }
}
