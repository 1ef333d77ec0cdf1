using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace OrderActors.ApiHost.Security;

/// <summary>Resolves the policy <c>perm:x</c> to "an authenticated caller holding permission x".</summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public const string Prefix = "perm:";

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(Permissions.ClaimType, policyName[Prefix.Length..])
                .Build();
        }
        return await base.GetPolicyAsync(policyName);
    }
}

public static class PermissionEndpointExtensions
{
    /// <summary>Only callers holding <paramref name="permission"/> may reach the endpoint.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PermissionPolicyProvider.Prefix + permission);
}
