using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;

namespace OrderActors.Bench.ReadModel;

/// <summary>A real user with a role holding the given permissions, signed in through the host's own sign-in service, so its token passes the per-request session check like a person's.</summary>
public static class BenchUser
{
    public const string Id = "bench-user";

    public static async Task<string> SignInAsync(IServiceProvider services, IReadOnlyList<string> permissions)
    {
        var role = $"bench-{Guid.NewGuid():N}";
        await services.GetRequiredService<RoleStore>().UpsertAsync(new RoleDefinition(role, "benchmark caller", false, permissions));
        var users = services.GetRequiredService<UserStore>();
        if (await users.FindByIdAsync(Id) is null)
        {
            await users.CreateAsync(Id, $"{Id}-{Guid.NewGuid():N}@bench.test", "Benchmark", null, [role]);
        }
        else
        {
            await users.UpdateProfileAsync(Id, "Benchmark", [role]);
        }
        var user = await users.FindByIdAsync(Id) ?? throw new InvalidOperationException("The benchmark user was not stored.");
        return (await services.GetRequiredService<SignInService>().StartTokenSessionAsync(user, null, CancellationToken.None)).AccessToken;
    }

    public static string SessionOf(string accessToken) => new JsonWebToken(accessToken).GetClaim(SecurityClaims.Session).Value;
}
