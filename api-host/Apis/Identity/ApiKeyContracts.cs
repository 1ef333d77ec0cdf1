using OrderActors.Identity;

namespace OrderActors.ApiHost.Apis.Identity;

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Permissions);

/// <summary>The only response that ever contains the key itself.</summary>
public sealed record ApiKeyCreatedResponse(string Id, string Name, string Key, string KeyPrefix, IReadOnlyList<string> Permissions, DateTimeOffset CreatedAt);

public sealed record ApiKeyResponse(string Id, string Name, string KeyPrefix, IReadOnlyList<string> Permissions, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public static ApiKeyResponse From(ApiKeyRecord k) => new(k.Id, k.Name, k.KeyPrefix, k.Permissions, k.CreatedBy, k.CreatedAt, k.RevokedAt, k.RevokedBy);
}
