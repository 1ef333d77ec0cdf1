using Dapper;
using OrderActors.Database;

namespace OrderActors.Identity;

/// <summary>
/// Roles and the permissions granted to each. A change to a role can change any user's permissions, so each one ends
/// every cached session check of this process once it is stored.
/// </summary>
public sealed class RoleStore(ReadModelDatabase database, TimeProvider time, AccessStateCache accessStates)
{
    public async Task<IReadOnlyList<RoleDefinition>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var roles = await c.QueryAsync<(string Name, string? Description, long BuiltIn)>(new CommandDefinition(
            "SELECT name, description, built_in FROM identity_roles ORDER BY name", cancellationToken: ct));
        var grants = (await c.QueryAsync<(string Role, string Permission)>(new CommandDefinition(
            "SELECT role_name, permission FROM identity_role_permissions", cancellationToken: ct))).ToLookup(g => g.Role, g => g.Permission);
        return roles.Select(r => new RoleDefinition(r.Name, r.Description, r.BuiltIn != 0, grants[r.Name].Order(StringComparer.Ordinal).ToList())).ToList();
    }

    public async Task<RoleDefinition?> FindAsync(string name, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    /// <summary>Creates the role or replaces its description and permissions.</summary>
    public async Task UpsertAsync(RoleDefinition role, CancellationToken ct = default)
    {
        try
        {
            await UpsertCoreAsync(role, ct);
        }
        finally
        {
            accessStates.InvalidateAll();
        }
    }

    private async Task UpsertCoreAsync(RoleDefinition role, CancellationToken ct)
    {
        var now = IdentitySql.Ms(time.GetUtcNow());
        await using var c = await database.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            $"{IdentitySql.InsertIgnore(database.Dialect)} identity_roles (name, description, built_in, created_at, updated_at) VALUES (@Name, @Description, @builtIn, @now, @now)",
            new { role.Name, role.Description, builtIn = role.BuiltIn ? 1 : 0, now }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE identity_roles SET description = @Description, updated_at = @now WHERE name = @Name",
            new { role.Name, role.Description, now }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM identity_role_permissions WHERE role_name = @Name", new { role.Name }, tx, cancellationToken: ct));
        foreach (var permission in role.Permissions.Distinct(StringComparer.Ordinal))
        {
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO identity_role_permissions (role_name, permission) VALUES (@Name, @permission)", new { role.Name, permission }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Seeds a built-in role once; an administrator's later changes to it are kept.</summary>
    public async Task SeedAsync(RoleDefinition role, CancellationToken ct = default)
    {
        try
        {
            await SeedCoreAsync(role, ct);
        }
        finally
        {
            accessStates.InvalidateAll();
        }
    }

    private async Task SeedCoreAsync(RoleDefinition role, CancellationToken ct)
    {
        var now = IdentitySql.Ms(time.GetUtcNow());
        await using var c = await database.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var inserted = await c.ExecuteAsync(new CommandDefinition(
            $"{IdentitySql.InsertIgnore(database.Dialect)} identity_roles (name, description, built_in, created_at, updated_at) VALUES (@Name, @Description, 1, @now, @now)",
            new { role.Name, role.Description, now }, tx, cancellationToken: ct));
        if (inserted == 1)
        {
            foreach (var permission in role.Permissions)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    $"{IdentitySql.InsertIgnore(database.Dialect)} identity_role_permissions (role_name, permission) VALUES (@Name, @permission)",
                    new { role.Name, permission }, tx, cancellationToken: ct));
            }
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Adds permissions the role lacks (never removes any); safe when several processes do it at once.</summary>
    public async Task GrantAsync(string name, IEnumerable<string> permissions, CancellationToken ct = default)
    {
        try
        {
            await GrantCoreAsync(name, permissions, ct);
        }
        finally
        {
            accessStates.InvalidateAll();
        }
    }

    private async Task GrantCoreAsync(string name, IEnumerable<string> permissions, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        foreach (var permission in permissions)
        {
            await c.ExecuteAsync(new CommandDefinition(
                $"{IdentitySql.InsertIgnore(database.Dialect)} identity_role_permissions (role_name, permission) VALUES (@name, @permission)",
                new { name, permission }, cancellationToken: ct));
        }
    }

    /// <summary>Deletes the role and its memberships; returns false when there was no such role.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        try
        {
            return await DeleteCoreAsync(name, ct);
        }
        finally
        {
            accessStates.InvalidateAll();
        }
    }

    private async Task<bool> DeleteCoreAsync(string name, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var deleted = await c.ExecuteAsync(new CommandDefinition("DELETE FROM identity_roles WHERE name = @name", new { name }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM identity_role_permissions WHERE role_name = @name", new { name }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM identity_user_roles WHERE role_name = @name", new { name }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return deleted == 1;
    }
}
