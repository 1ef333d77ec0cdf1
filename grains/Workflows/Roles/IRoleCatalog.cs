namespace OrderActors.Grains.Workflows.Roles;

/// <summary>
/// The roles flows may name and who holds them, as the identity store knows them (users, roles, memberships).
/// </summary>
public interface IRoleCatalog
{
    Task<IReadOnlySet<string>> GetRolesAsync(CancellationToken cancellationToken = default);

    /// <summary>Users holding <paramref name="role"/> who can take work now.</summary>
    Task<IReadOnlyList<string>> GetAvailableUsersAsync(string role, CancellationToken cancellationToken = default);
}
