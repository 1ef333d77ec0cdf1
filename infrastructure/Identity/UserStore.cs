using System.Data.Common;
using Dapper;
using OrderActors.Database;

namespace OrderActors.Identity;

/// <summary>
/// Users and their role memberships in the shared database. Every change that can end or narrow a session's access
/// (disable, password, security stamp, roles) invalidates the user's cached session checks once it is committed.
/// </summary>
public sealed class UserStore(ReadModelDatabase database, TimeProvider time, AccessStateCache accessStates)
{
    private const string Columns =
        "id AS Id, email AS Email, display_name AS DisplayName, password_hash AS PasswordHash, security_stamp AS SecurityStamp, " +
        "disabled_at AS DisabledAt, failed_sign_ins AS FailedSignIns, lockout_until AS LockoutUntil, totp_secret AS TotpSecret, " +
        "totp_enabled_at AS TotpEnabledAt, totp_last_step AS TotpLastStep, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM identity_users", cancellationToken: ct)) > 0;
    }

    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var user = await c.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            $"SELECT {Columns} FROM identity_users WHERE email_normalized = @e", new { e = UserAccount.Normalize(email) }, cancellationToken: ct));
        return user is null ? null : await WithRolesAsync(c, user, ct);
    }

    public async Task<UserAccount?> FindByIdAsync(string id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var user = await c.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            $"SELECT {Columns} FROM identity_users WHERE id = @id", new { id }, cancellationToken: ct));
        return user is null ? null : await WithRolesAsync(c, user, ct);
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var users = (await c.QueryAsync<UserAccount>(new CommandDefinition($"SELECT {Columns} FROM identity_users ORDER BY email_normalized", cancellationToken: ct))).ToList();
        var memberships = await c.QueryAsync<(string UserId, string RoleName)>(new CommandDefinition(
            "SELECT user_id, role_name FROM identity_user_roles", cancellationToken: ct));
        var byUser = memberships.ToLookup(m => m.UserId, m => m.RoleName);
        foreach (var user in users)
        {
            user.Roles = byUser[user.Id].Order(StringComparer.Ordinal).ToList();
        }
        return users;
    }

    /// <summary>Creates the user, or returns false when the email is taken.</summary>
    public async Task<bool> CreateAsync(string id, string email, string displayName, string? passwordHash, IEnumerable<string> roles, CancellationToken ct = default)
    {
        var now = IdentitySql.Ms(time.GetUtcNow());
        await using var c = await database.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var inserted = await c.ExecuteAsync(new CommandDefinition(
            $"{IdentitySql.InsertIgnore(database.Dialect)} identity_users (id, email, email_normalized, display_name, password_hash, security_stamp, failed_sign_ins, created_at, updated_at) " +
            "VALUES (@id, @email, @normalized, @displayName, @passwordHash, @stamp, 0, @now, @now)",
            new { id, email = email.Trim(), normalized = UserAccount.Normalize(email), displayName, passwordHash, stamp = SecretHash.NewId(), now },
            tx, cancellationToken: ct));
        if (inserted == 0)
        {
            return false;
        }
        await ReplaceRolesAsync(c, tx, id, roles, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task UpdateProfileAsync(string id, string displayName, IEnumerable<string> roles, CancellationToken ct = default)
    {
        try
        {
            await using var c = await database.OpenAsync(ct);
            await using var tx = await c.BeginTransactionAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE identity_users SET display_name = @displayName, updated_at = @now WHERE id = @id",
                new { id, displayName, now = IdentitySql.Ms(time.GetUtcNow()) }, tx, cancellationToken: ct));
            await ReplaceRolesAsync(c, tx, id, roles, ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            accessStates.InvalidateUser(id);
        }
    }

    /// <summary>Disabling also changes the security stamp, which ends every session of the user at once.</summary>
    public Task SetDisabledAsync(string id, bool disabled, CancellationToken ct = default) =>
        ExecuteForUserAsync(id, disabled
                ? "UPDATE identity_users SET disabled_at = COALESCE(disabled_at, @now), security_stamp = @stamp, updated_at = @now WHERE id = @id"
                : "UPDATE identity_users SET disabled_at = NULL, updated_at = @now WHERE id = @id",
            new { id, now = IdentitySql.Ms(time.GetUtcNow()), stamp = SecretHash.NewId() }, ct);

    /// <summary>A new password ends every session, clears lockout and failures.</summary>
    public Task SetPasswordAsync(string id, string passwordHash, CancellationToken ct = default) =>
        ExecuteForUserAsync(id,
            "UPDATE identity_users SET password_hash = @passwordHash, security_stamp = @stamp, failed_sign_ins = 0, lockout_until = NULL, updated_at = @now WHERE id = @id",
            new { id, passwordHash, stamp = SecretHash.NewId(), now = IdentitySql.Ms(time.GetUtcNow()) }, ct);

    public Task RenewSecurityStampAsync(string id, CancellationToken ct = default) =>
        ExecuteForUserAsync(id, "UPDATE identity_users SET security_stamp = @stamp, updated_at = @now WHERE id = @id",
            new { id, stamp = SecretHash.NewId(), now = IdentitySql.Ms(time.GetUtcNow()) }, ct);

    /// <summary>Counts a failed sign-in in one statement (safe across api-hosts) and returns the new count.</summary>
    public async Task<long> RecordFailureAsync(string id, int maxFailures, TimeSpan lockout, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_users SET failed_sign_ins = failed_sign_ins + 1, " +
            "lockout_until = CASE WHEN failed_sign_ins + 1 >= @max THEN @until ELSE lockout_until END WHERE id = @id",
            new { id, max = maxFailures, until = IdentitySql.Ms(now + lockout) }, cancellationToken: ct));
        var failures = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT failed_sign_ins FROM identity_users WHERE id = @id", new { id }, cancellationToken: ct));
        if (failures >= maxFailures)
        {
            // The lockout has started: the next window counts from zero again.
            await c.ExecuteAsync(new CommandDefinition("UPDATE identity_users SET failed_sign_ins = 0 WHERE id = @id", new { id }, cancellationToken: ct));
        }
        return failures;
    }

    public Task ResetFailuresAsync(string id, CancellationToken ct = default) =>
        ExecuteAsync("UPDATE identity_users SET failed_sign_ins = 0, lockout_until = NULL WHERE id = @id AND (failed_sign_ins <> 0 OR lockout_until IS NOT NULL)", new { id }, ct);

    public Task SetPendingTotpSecretAsync(string id, string protectedSecret, CancellationToken ct = default) =>
        ExecuteAsync("UPDATE identity_users SET totp_secret = @protectedSecret, totp_enabled_at = NULL, totp_last_step = NULL, updated_at = @now WHERE id = @id",
            new { id, protectedSecret, now = IdentitySql.Ms(time.GetUtcNow()) }, ct);

    public Task EnableTotpAsync(string id, CancellationToken ct = default) =>
        ExecuteAsync("UPDATE identity_users SET totp_enabled_at = @now, updated_at = @now WHERE id = @id AND totp_secret IS NOT NULL",
            new { id, now = IdentitySql.Ms(time.GetUtcNow()) }, ct);

    public Task DisableTotpAsync(string id, CancellationToken ct = default) =>
        ExecuteForUserAsync(id, "UPDATE identity_users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, security_stamp = @stamp, updated_at = @now WHERE id = @id",
            new { id, stamp = SecretHash.NewId(), now = IdentitySql.Ms(time.GetUtcNow()) }, ct);

    /// <summary>Records the time step of an accepted code; false when that step (or a later one) was already used, so a code works once.</summary>
    public async Task<bool> ConsumeTotpStepAsync(string id, long step, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_users SET totp_last_step = @step WHERE id = @id AND (totp_last_step IS NULL OR totp_last_step < @step)",
            new { id, step }, cancellationToken: ct)) == 1;
    }

    /// <summary>What an access token or cookie is checked against on every request, in one query (user, session, grants).</summary>
    public async Task<AccessState?> GetAccessStateAsync(string userId, string? sessionId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        // One row per (role, permission) grant, at least one for an existing user; the session columns repeat.
        var rows = (await c.QueryAsync<(string Stamp, long? DisabledAt, long? SessionExpiresAt, string? Role, string? Permission)>(new CommandDefinition(
            "SELECT u.security_stamp, u.disabled_at, s.absolute_expires_at, r.role_name, p.permission FROM identity_users u " +
            "LEFT JOIN identity_sessions s ON s.id = @sessionId AND s.user_id = u.id AND s.revoked_at IS NULL AND s.absolute_expires_at > @now " +
            "LEFT JOIN identity_user_roles r ON r.user_id = u.id " +
            "LEFT JOIN identity_role_permissions p ON p.role_name = r.role_name " +
            "WHERE u.id = @userId",
            new { userId, sessionId, now = IdentitySql.Ms(time.GetUtcNow()) }, cancellationToken: ct))).ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        var first = rows[0];
        return new AccessState(
            first.Stamp,
            first.DisabledAt is not null,
            first.SessionExpiresAt is not null,
            rows.Where(g => g.Permission is not null).Select(g => g.Permission!).Distinct(StringComparer.Ordinal).ToList(),
            rows.Where(g => g.Role is not null).Select(g => g.Role!).Distinct(StringComparer.Ordinal).ToList())
        {
            SessionExpiresAt = IdentitySql.FromMs(first.SessionExpiresAt),
        };
    }

    public async Task<IReadOnlyList<string>> GetPermissionsAsync(string userId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT p.permission FROM identity_user_roles r JOIN identity_role_permissions p ON p.role_name = r.role_name WHERE r.user_id = @userId",
            new { userId }, cancellationToken: ct))).ToList();
    }

    private static async Task ReplaceRolesAsync(DbConnection c, DbTransaction tx, string userId, IEnumerable<string> roles, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM identity_user_roles WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO identity_user_roles (user_id, role_name) VALUES (@userId, @role)", new { userId, role }, tx, cancellationToken: ct));
        }
    }

    private static async Task<UserAccount> WithRolesAsync(DbConnection c, UserAccount user, CancellationToken ct)
    {
        user.Roles = (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT role_name FROM identity_user_roles WHERE user_id = @id ORDER BY role_name", new { id = user.Id }, cancellationToken: ct))).ToList();
        return user;
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    /// <summary>A change to what the user's sessions may do: cached session checks of the user end once it is stored.</summary>
    private async Task ExecuteForUserAsync(string id, string sql, object parameters, CancellationToken ct)
    {
        try
        {
            await ExecuteAsync(sql, parameters, ct);
        }
        finally
        {
            // Also when the outcome is unknown (cancelled, connection lost after the write): a needless re-read is cheap.
            accessStates.InvalidateUser(id);
        }
    }
}
