using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;

namespace OrderActors.IntegrationTests.Infrastructure;

/// <summary>
/// Real users for tests that need a particular user id and roles: the user is stored like any other, holds the named
/// roles plus a private role with exactly the given permissions, and signs in through the host's own sign-in service,
/// so its token passes the same session checks as a person's.
/// </summary>
public static class TestUsers
{
    public static async Task<string> IssueTokenAsync(IServiceProvider services, string userId, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> permissions)
    {
        var roleStore = services.GetRequiredService<RoleStore>();
        foreach (var role in roles)
        {
            if (await roleStore.FindAsync(role) is null)
            {
                await roleStore.UpsertAsync(new RoleDefinition(role, "test role", false, []));
            }
        }
        var users = services.GetRequiredService<UserStore>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            var own = $"test-{Guid.NewGuid():N}";
            await roleStore.UpsertAsync(new RoleDefinition(own, "test caller", false, permissions.ToList()));
            await users.CreateAsync(userId, $"{userId}-{Guid.NewGuid():N}@users.test", userId, null, [own, .. roles]);
            user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The test user was not stored.");
        }
        var tokens = await services.GetRequiredService<SignInService>().StartTokenSessionAsync(user, null, CancellationToken.None);
        return tokens.AccessToken;
    }

    public static string IssueToken(IServiceProvider services, string userId, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> permissions) =>
        Task.Run(() => IssueTokenAsync(services, userId, roles, permissions)).GetAwaiter().GetResult();
}
