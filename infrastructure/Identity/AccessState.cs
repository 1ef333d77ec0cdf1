namespace OrderActors.Identity;

/// <summary>The current truth about a signed-in user: checked on every request so revocation takes effect at once.</summary>
public sealed record AccessState(string SecurityStamp, bool Disabled, bool SessionActive, IReadOnlyList<string> Permissions, IReadOnlyList<string> Roles)
{
    /// <summary>When the session ends however active it is (its absolute lifetime); null when it is not active.</summary>
    public DateTimeOffset? SessionExpiresAt { get; init; }
}
