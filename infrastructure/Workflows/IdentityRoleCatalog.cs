using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Workflows.Roles;

namespace OrderActors.Workflows.ReadModel;

/// <summary>
/// The roles and members of the identity store (<c>identity_roles</c>, <c>identity_user_roles</c>), read straight from
/// the shared database so silos without the api-host's identity services see the same people. The workflow's built-in
/// roles always count as known: built-in flows are seeded by silos that may start before the identity store is seeded.
/// A user takes work while enabled and not locked out.
/// </summary>
public sealed class IdentityRoleCatalog(ReadModelDatabase database, TimeProvider time) : IRoleCatalog
{
    public async Task<IReadOnlySet<string>> GetRolesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadsAsync(cancellationToken);
        var stored = await connection.QueryAsync<string>(new CommandDefinition("SELECT name FROM identity_roles", cancellationToken: cancellationToken));
        var roles = new HashSet<string>(BuiltInRoles.All, StringComparer.Ordinal);
        roles.UnionWith(stored);
        return roles;
    }

    public async Task<IReadOnlyList<string>> GetAvailableUsersAsync(string role, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadsAsync(cancellationToken);
        var users = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT u.id FROM identity_users u JOIN identity_user_roles r ON r.user_id = u.id " +
            "WHERE r.role_name = @role AND u.disabled_at IS NULL AND (u.lockout_until IS NULL OR u.lockout_until <= @now) ORDER BY u.id",
            new { role, now = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return users.ToList();
    }
}
