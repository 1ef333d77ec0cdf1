namespace OrderActors.Returns;

/// <summary>One row of the returns queue; value is the refund the return is worth, in its currency.</summary>
public sealed record ReturnSummary(
    Guid Id,
    string RmaNumber,
    Guid OrderId,
    string Status,
    string Channel,
    string Source,
    string CustomerName,
    string Location,
    decimal Value,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
