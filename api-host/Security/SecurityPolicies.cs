using Microsoft.AspNetCore.Authorization;

namespace OrderActors.ApiHost.Security;

/// <summary>Named policies besides the <c>perm:x</c> ones.</summary>
public static class SecurityPolicies
{
    /// <summary>A person signed in with a session (not an API key): for self-service endpoints such as two-factor enrolment.</summary>
    public const string SignedInUser = "signed-in-user";

    public const string TaskAccess = "task-access";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SignedInUser, p => p.RequireAuthenticatedUser().RequireClaim(SecurityClaims.Session));
        // Anything without its own authorization metadata (an endpoint someone forgot, an unknown route) needs a caller.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(TaskAccess, p => p.RequireAuthenticatedUser().AddRequirements(new TaskAccessRequirement()));
    }

    public static TBuilder RequireSignedInUser<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(SignedInUser);
}
