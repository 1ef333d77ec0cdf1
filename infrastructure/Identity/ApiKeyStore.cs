using Dapper;
using OrderActors.Database;

namespace OrderActors.Identity;

/// <summary>API keys for machines (POS terminals, integrations), stored hashed.</summary>
public sealed class ApiKeyStore(ReadModelDatabase database, TimeProvider time)
{
    public const string KeyPrefix = "oak_";

    private const string Columns =
        "id AS Id, name AS Name, key_prefix AS KeyPrefix, permissions AS Permissions, created_by AS CreatedBy, " +
        "created_at AS CreatedAt, revoked_at AS RevokedAt, revoked_by AS RevokedBy";

    /// <summary>Creates a key and returns it with the plain key, which is never retrievable again.</summary>
    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(string name, IReadOnlyList<string> permissions, string createdBy, CancellationToken ct = default)
    {
        var key = KeyPrefix + SecretHash.NewSecret();
        var id = SecretHash.NewId();
        var now = time.GetUtcNow();
        var prefix = key[..12];
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO identity_api_keys (id, name, key_prefix, key_hash, permissions, created_by, created_at) " +
            "VALUES (@id, @name, @prefix, @hash, @permissions, @createdBy, @now)",
            new { id, name, prefix, hash = SecretHash.Of(key), permissions = string.Join(' ', permissions), createdBy, now = IdentitySql.Ms(now) },
            cancellationToken: ct));
        return (new ApiKeyRecord(id, name, prefix, permissions, createdBy, now, null, null), key);
    }

    /// <summary>The active key with this plain value, or null.</summary>
    public async Task<ApiKeyRecord?> FindActiveAsync(string key, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM identity_api_keys WHERE key_hash = @hash AND revoked_at IS NULL", new { hash = SecretHash.Of(key) }, cancellationToken: ct));
        return row?.ToRecord();
    }

    public async Task<ApiKeyRecord?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM identity_api_keys WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM identity_api_keys ORDER BY created_at DESC, id", cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Revokes the key; true only the first time.</summary>
    public async Task<bool> RevokeAsync(string id, string revokedBy, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_api_keys SET revoked_at = @now, revoked_by = @revokedBy WHERE id = @id AND revoked_at IS NULL",
            new { id, revokedBy, now = IdentitySql.Ms(time.GetUtcNow()) }, cancellationToken: ct)) == 1;
    }

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string KeyPrefix { get; init; } = "";
        public string Permissions { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public long CreatedAt { get; init; }
        public long? RevokedAt { get; init; }
        public string? RevokedBy { get; init; }

        public ApiKeyRecord ToRecord() => new(
            Id, Name, KeyPrefix, Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries), CreatedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), IdentitySql.FromMs(RevokedAt), RevokedBy);
    }
}
