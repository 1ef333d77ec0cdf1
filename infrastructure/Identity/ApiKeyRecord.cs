namespace OrderActors.Identity;

/// <summary>A machine credential. Only the SHA-256 of the key is stored; the key itself is shown once.</summary>
public sealed record ApiKeyRecord(
    string Id,
    string Name,
    string KeyPrefix,
    IReadOnlyList<string> Permissions,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy);
