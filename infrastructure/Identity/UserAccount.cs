namespace OrderActors.Identity;

/// <summary>A person who signs in. Times are Unix milliseconds, as stored.</summary>
public sealed class UserAccount
{
    public string Id { get; init; } = "";
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? PasswordHash { get; init; }
    public string SecurityStamp { get; init; } = "";
    public long? DisabledAt { get; init; }
    public long FailedSignIns { get; init; }
    public long? LockoutUntil { get; init; }
    public string? TotpSecret { get; init; }
    public long? TotpEnabledAt { get; init; }
    public long? TotpLastStep { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
    public IReadOnlyList<string> Roles { get; set; } = [];

    public bool IsDisabled => DisabledAt is not null;
    public bool TwoFactorEnabled => TotpEnabledAt is not null;
    public bool IsLockedOut(DateTimeOffset now) => LockoutUntil is { } until && until > now.ToUnixTimeMilliseconds();

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
