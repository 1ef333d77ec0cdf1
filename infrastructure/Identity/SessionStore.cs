using Dapper;
using OrderActors.Database;

namespace OrderActors.Identity;

/// <summary>
/// Sign-in sessions and their rotating refresh tokens. Each refresh token works once; presenting a used one means
/// it was stolen or replayed, so the whole session (the token family) is revoked. A revocation ends the cached
/// session checks of this process for the session (or the user) once it is stored.
/// </summary>
public sealed class SessionStore(ReadModelDatabase database, TimeProvider time, AccessStateCache accessStates)
{
    public async Task<string> StartAsync(string userId, string kind, TimeSpan idleTimeout, TimeSpan absoluteLifetime, string? remoteAddress, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var id = SecretHash.NewId();
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO identity_sessions (id, user_id, kind, created_at, idle_expires_at, absolute_expires_at, remote_address) " +
            "VALUES (@id, @userId, @kind, @now, @idle, @absolute, @remoteAddress)",
            new { id, userId, kind, now = IdentitySql.Ms(now), idle = IdentitySql.Ms(now + idleTimeout), absolute = IdentitySql.Ms(now + absoluteLifetime), remoteAddress },
            cancellationToken: ct));
        return id;
    }

    /// <summary>Stores (the hash of) a new refresh token for the session and returns the token.</summary>
    public async Task<string> IssueRefreshTokenAsync(string sessionId, CancellationToken ct = default)
    {
        var token = SecretHash.NewSecret();
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO identity_refresh_tokens (token_hash, session_id, issued_at) VALUES (@hash, @sessionId, @now)",
            new { hash = SecretHash.Of(token), sessionId, now = IdentitySql.Ms(time.GetUtcNow()) }, cancellationToken: ct));
        return token;
    }

    /// <summary>Uses up a refresh token and, when it was valid, slides the session's idle expiry.</summary>
    public async Task<RefreshRedemption> RedeemAsync(string refreshToken, TimeSpan idleTimeout, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var nowMs = IdentitySql.Ms(now);
        var hash = SecretHash.Of(refreshToken);
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string SessionId, string UserId, long? UsedAt, long? RevokedAt, long IdleExpiresAt, long AbsoluteExpiresAt)>(new CommandDefinition(
            "SELECT t.session_id, s.user_id, t.used_at, s.revoked_at, s.idle_expires_at, s.absolute_expires_at " +
            "FROM identity_refresh_tokens t JOIN identity_sessions s ON s.id = t.session_id WHERE t.token_hash = @hash",
            new { hash }, cancellationToken: ct));
        if (row.SessionId is null)
        {
            return new RefreshRedemption(RefreshOutcome.Unknown, null, null);
        }
        if (row.RevokedAt is not null)
        {
            return new RefreshRedemption(RefreshOutcome.Revoked, row.SessionId, row.UserId);
        }
        var used = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_refresh_tokens SET used_at = @nowMs WHERE token_hash = @hash AND used_at IS NULL", new { hash, nowMs }, cancellationToken: ct));
        if (row.UsedAt is not null || used == 0)
        {
            await RevokeAsync(row.SessionId, ct);
            return new RefreshRedemption(RefreshOutcome.Reused, row.SessionId, row.UserId);
        }
        if (row.IdleExpiresAt <= nowMs || row.AbsoluteExpiresAt <= nowMs)
        {
            return new RefreshRedemption(RefreshOutcome.Expired, row.SessionId, row.UserId);
        }
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_sessions SET idle_expires_at = @idle WHERE id = @id",
            new { id = row.SessionId, idle = IdentitySql.Ms(now + idleTimeout) }, cancellationToken: ct));
        return new RefreshRedemption(RefreshOutcome.Redeemed, row.SessionId, row.UserId);
    }

    /// <summary>Finds the session a refresh token belongs to without using the token up.</summary>
    public async Task<(string SessionId, string UserId)?> FindByRefreshTokenAsync(string refreshToken, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string SessionId, string UserId)>(new CommandDefinition(
            "SELECT t.session_id, s.user_id FROM identity_refresh_tokens t JOIN identity_sessions s ON s.id = t.session_id WHERE t.token_hash = @hash",
            new { hash = SecretHash.Of(refreshToken) }, cancellationToken: ct));
        return row.SessionId is null ? null : row;
    }

    public async Task RevokeAsync(string sessionId, CancellationToken ct = default)
    {
        try
        {
            await using var c = await database.OpenAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE identity_sessions SET revoked_at = @now WHERE id = @sessionId AND revoked_at IS NULL",
                new { sessionId, now = IdentitySql.Ms(time.GetUtcNow()) }, cancellationToken: ct));
        }
        finally
        {
            accessStates.InvalidateSession(sessionId);
        }
    }

    public async Task RevokeAllAsync(string userId, CancellationToken ct = default)
    {
        try
        {
            await using var c = await database.OpenAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE identity_sessions SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
                new { userId, now = IdentitySql.Ms(time.GetUtcNow()) }, cancellationToken: ct));
        }
        finally
        {
            accessStates.InvalidateUser(userId);
        }
    }
}
