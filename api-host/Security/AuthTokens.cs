namespace OrderActors.ApiHost.Security;

/// <summary>The answer to a sign-in or refresh: a short-lived access token and a single-use refresh token.</summary>
public sealed record AuthTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);
