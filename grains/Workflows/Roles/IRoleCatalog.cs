namespace OrderActors.Grains.Workflows.Roles;

/// <summary>
/// The roles flows may name and who holds them. The built-in implementation knows the built-in roles and
/// configured custom roles and members; the identity store backs it once users and roles exist.
/// </summary>
public interface IRoleCatalog
{
    Task<IReadOnlySet<string>> GetRolesAsync(CancellationToken cancellationToken = default);

    /// <summary>Users holding <paramref name="role"/> who can take work now.</summary>
    Task<IReadOnlyList<string>> GetAvailableUsersAsync(string role, CancellationToken cancellationToken = default);
}
