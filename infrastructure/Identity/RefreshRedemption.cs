namespace OrderActors.Identity;

public enum RefreshOutcome
{
    Redeemed = 0,
    Unknown = 1,
    Revoked = 2,
    Reused = 3,
    Expired = 4,
}

/// <summary>What presenting a refresh token led to.</summary>
public sealed record RefreshRedemption(RefreshOutcome Outcome, string? SessionId, string? UserId);
