namespace OrderActors.Audit;

/// <summary>
/// One audited event: who (<see cref="ActorKind"/> user, API key, system...), did what (<see cref="Action"/>, dotted,
/// for example <c>auth.sign_in</c> or <c>users.update</c>), to which target, with which outcome, from which address.
/// </summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string ActorKind { get; init; }
    public required string ActorId { get; init; }
    public string? ActorName { get; init; }
    public required string Action { get; init; }
    public string? Target { get; init; }
    public string Outcome { get; init; } = AuditOutcome.Success;
    public string? RemoteAddress { get; init; }
    public string? Details { get; init; }
}

public static class AuditOutcome
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}
