namespace OrderActors.ApiHost.Apis.PlatformAccounts;

/// <summary>Body of <c>POST /api/platform-accounts</c>: connect a shop with credentials already held.</summary>
public sealed record ConnectAccountRequest
{
    public string? Platform { get; init; }
    public string? Name { get; init; }
    public CredentialsRequest? Credentials { get; init; }
    public int? SyncIntervalSeconds { get; init; }
    public int? BackfillDays { get; init; }
}

/// <summary>Platform credentials as sent by API clients. Accepted, never returned.</summary>
public sealed record CredentialsRequest
{
    public string? AppKey { get; init; }
    public string? AppSecret { get; init; }
    public string? ShopId { get; init; }
    public string? AccessToken { get; init; }
    public string? RefreshToken { get; init; }
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }
    public string? ShopCipher { get; init; }
    public string? Region { get; init; }

    public override string ToString() => "CredentialsRequest { redacted }";
}

/// <summary>Body of <c>POST /api/platform-accounts/oauth/start</c>.</summary>
public sealed record StartOAuthRequest
{
    public string? Platform { get; init; }
    public string? Name { get; init; }
    public string? AppKey { get; init; }
    public string? AppSecret { get; init; }
    public string? RedirectUri { get; init; }
    public string? ShopId { get; init; }
    public int? SyncIntervalSeconds { get; init; }
    public int? BackfillDays { get; init; }

    public override string ToString() => $"StartOAuthRequest {{ Platform = {Platform}, Name = {Name}, secrets redacted }}";
}

/// <summary>Body of <c>PATCH /api/platform-accounts/{id}</c>; absent members stay as they are.</summary>
public sealed record UpdateAccountRequest
{
    public string? Name { get; init; }
    public int? SyncIntervalSeconds { get; init; }
    public bool? Active { get; init; }
    public CredentialsRequest? Credentials { get; init; }
}
