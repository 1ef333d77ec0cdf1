using Dapper;
using OrderActors.Database;

namespace OrderActors.Identity;

/// <summary>Single-use, expiring tokens sent out of band (password reset). Stored hashed.</summary>
public sealed class OneTimeTokenStore(ReadModelDatabase database, TimeProvider time)
{
    public async Task<string> IssueAsync(string userId, string purpose, TimeSpan lifetime, CancellationToken ct = default)
    {
        var token = SecretHash.NewSecret();
        var now = time.GetUtcNow();
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO identity_one_time_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (@hash, @userId, @purpose, @now, @expires)",
            new { hash = SecretHash.Of(token), userId, purpose, now = IdentitySql.Ms(now), expires = IdentitySql.Ms(now + lifetime) }, cancellationToken: ct));
        return token;
    }

    /// <summary>Uses the token up and returns its user, or null when it is unknown, used, expired or for another purpose.</summary>
    public async Task<string?> ConsumeAsync(string token, string purpose, CancellationToken ct = default)
    {
        var hash = SecretHash.Of(token);
        var now = IdentitySql.Ms(time.GetUtcNow());
        await using var c = await database.OpenAsync(ct);
        var userId = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT user_id FROM identity_one_time_tokens WHERE token_hash = @hash AND purpose = @purpose AND used_at IS NULL AND expires_at > @now",
            new { hash, purpose, now }, cancellationToken: ct));
        if (userId is null)
        {
            return null;
        }
        var claimed = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_one_time_tokens SET used_at = @now WHERE token_hash = @hash AND used_at IS NULL", new { hash, now }, cancellationToken: ct));
        return claimed == 1 ? userId : null;
    }

    /// <summary>The user of a token that would be accepted now, without using it up; null otherwise.</summary>
    public async Task<string?> PeekAsync(string token, string purpose, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT user_id FROM identity_one_time_tokens WHERE token_hash = @hash AND purpose = @purpose AND used_at IS NULL AND expires_at > @now",
            new { hash = SecretHash.Of(token), purpose, now = IdentitySql.Ms(time.GetUtcNow()) }, cancellationToken: ct));
    }
}
