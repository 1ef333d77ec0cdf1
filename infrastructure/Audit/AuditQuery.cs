namespace OrderActors.Audit;

/// <summary>Filters for the audit log, newest first; <see cref="Before"/> is the id cursor of the next page.</summary>
public sealed record AuditQuery
{
    public string? ActorId { get; init; }
    public string? Action { get; init; }
    public string? Target { get; init; }
    public string? Outcome { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public long? Before { get; init; }
    public int Limit { get; init; } = 100;
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? NextBefore);
