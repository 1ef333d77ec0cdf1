using Microsoft.Extensions.Options;

namespace OrderActors.Grains.Workflows.Roles;

/// <summary>Built-in roles plus configured custom roles and members (see <see cref="WorkflowRoleOptions"/>).</summary>
public sealed class ConfiguredRoleCatalog(IOptionsMonitor<WorkflowRoleOptions> options) : IRoleCatalog
{
    public Task<IReadOnlySet<string>> GetRolesAsync(CancellationToken cancellationToken = default)
    {
        var roles = new HashSet<string>(BuiltInRoles.All, StringComparer.Ordinal);
        roles.UnionWith(options.CurrentValue.Custom.Where(r => !string.IsNullOrWhiteSpace(r)));
        return Task.FromResult<IReadOnlySet<string>>(roles);
    }

    public Task<IReadOnlyList<string>> GetAvailableUsersAsync(string role, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(
            options.CurrentValue.Members.TryGetValue(role, out var users) ? users.Distinct().ToList() : []);
}
