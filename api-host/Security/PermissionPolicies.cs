using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace OrderActors.ApiHost.Security;

/// <summary>
/// Resolves the policy <c>perm:x</c> to "an authenticated caller holding permission x". A name always resolves to the
/// same policy, so each is built once and the authorization middleware may cache each endpoint's combined policy
/// (a derived provider is not cached unless it says so).
/// </summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public const string Prefix = "perm:";

    private readonly ConcurrentDictionary<string, AuthorizationPolicy> _permissionPolicies = new(StringComparer.Ordinal);

    public override bool AllowsCachingPolicies => true;

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Task.FromResult<AuthorizationPolicy?>(_permissionPolicies.GetOrAdd(policyName, name => new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(Permissions.ClaimType, name[Prefix.Length..])
                .Build()));
        }
        return base.GetPolicyAsync(policyName);
    }
}

public static class PermissionEndpointExtensions
{
    /// <summary>Only callers holding <paramref name="permission"/> may reach the endpoint.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PermissionPolicyProvider.Prefix + permission);
}
