using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

/// <summary>
/// Walks the app's own endpoint list: every endpoint must be either on the short anonymous allow-list or protected by
/// a permission (or the signed-in-user) policy, and the server must enforce it for each built-in role.
/// An endpoint added later without a policy fails here.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class EndpointAuthorizationMatrixTests(ApiFactory factory)
{
    // The dashboard's static files (framework script, component library, styles) are public like any web asset.
    private static readonly string[] AnonymousPrefixes = ["/health", "/openapi", "/scalar", "/metrics", "/webhooks", "/_framework", "/_content", "/css"];

    private static readonly string[] AnonymousRoutes =
    [
        "/api/auth/token", "/api/auth/refresh", "/api/auth/logout", "/api/auth/password-reset", "/api/auth/password-reset/confirm", "/api/auth/cookie",
        "/login", "/forgot-password", "/reset-password",
        // The platform redirects the seller's browser here; the one-time OAuth state is the credential.
        "/api/platform-accounts/oauth/callback",
    ];

    // A redirect (the Orleans dashboard's "/dashboard" -> "/dashboard/") would be followed without the bearer token.
    private static readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    /// <summary>An endpoint and every permission it requires (a group's and its own: all of them must be held).</summary>
    private sealed record Protected(string Method, string Route, string Url, IReadOnlyList<string> Permissions);

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    private static string Route(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").Trim('/');

    [Fact]
    public void Every_endpoint_is_on_the_anonymous_allow_list_or_requires_a_permission()
    {
        var offenders = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            var route = Route(endpoint);
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                if (!AnonymousPrefixes.Any(p => route.StartsWith(p, StringComparison.Ordinal)) && !AnonymousRoutes.Contains(route))
                {
                    offenders.Add($"{route}: anonymous but not on the allow-list");
                }
                continue;
            }
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (!policies.Any(p => p is not null && (p.StartsWith(PermissionPolicyProvider.Prefix, StringComparison.Ordinal) || p == SecurityPolicies.SignedInUser)))
            {
                offenders.Add($"{route}: no permission policy ({(policies.Count == 0 ? "no authorization at all" : string.Join(",", policies))})");
            }
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        Assert.Contains(Endpoints(), e => Route(e) == "/api/users");
    }

    [Fact]
    public async Task Each_role_reaches_exactly_the_endpoints_its_permissions_allow()
    {
        var endpoints = ProtectedEndpoints();
        var roles = (await factory.Services.GetRequiredService<RoleStore>().ListAsync())
            .Where(r => BuiltInRoles.IsBuiltIn(r.Name)).ToList();
        Assert.Equal(5, roles.Count);
        var users = factory.Services.GetRequiredService<UserStore>();
        var signIn = factory.Services.GetRequiredService<SignInService>();
        var failures = new List<string>();

        using var anonymous = factory.CreateClient(NoRedirects);
        foreach (var e in endpoints)
        {
            var status = await SendAsync(anonymous, e);
            if (status != HttpStatusCode.Unauthorized)
            {
                failures.Add($"anonymous {e.Method} {e.Route}: {(int)status}, expected 401");
            }
        }

        foreach (var role in roles.Append(new RoleDefinition("(no role)", null, false, [])))
        {
            var id = Guid.NewGuid().ToString("N");
            await users.CreateAsync(id, $"matrix-{id}@shop.test", $"Matrix {role.Name}", null, role.Permissions.Count == 0 ? [] : [role.Name]);
            var user = (await users.FindByIdAsync(id))!;
            foreach (var e in endpoints)
            {
                // A fresh session per request: some endpoints (sign-out) end the caller's session.
                var tokens = await signIn.StartTokenSessionAsync(user, null, CancellationToken.None);
                using var client = factory.CreateClient(NoRedirects).WithBearer(tokens.AccessToken);
                var status = await SendAsync(client, e);
                var allowed = e.Permissions.All(role.Permissions.Contains);
                var ok = allowed ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) : status == HttpStatusCode.Forbidden;
                if (!ok)
                {
                    failures.Add($"{role.Name} {e.Method} {e.Route} (needs {(e.Permissions.Count == 0 ? "a signed-in user" : string.Join(" + ", e.Permissions))}): {(int)status}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private List<Protected> ProtectedEndpoints() =>
        Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => new Protected(
                e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET",
                Route(e),
                Url(e.RoutePattern),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy)
                    .Where(p => p is not null && p.StartsWith(PermissionPolicyProvider.Prefix, StringComparison.Ordinal))
                    .Select(p => p![PermissionPolicyProvider.Prefix.Length..]).Distinct().ToList()))
            .ToList();

    private static string Url(RoutePattern pattern)
    {
        var url = "/" + (pattern.RawText ?? "").Trim('/');
        foreach (var parameter in pattern.Parameters)
        {
            var constraints = parameter.ParameterPolicies.Select(p => p.Content).ToList();
            var value = constraints.Contains("guid") ? Guid.NewGuid().ToString()
                : constraints.Any(c => c is "int" or "long") ? "0"
                : "matrix-missing";
            // "{name", or a catch-all "{*name" / "{**name" (the Orleans dashboard has those).
            var start = new[] { "{", "{*", "{**" }.Select(p => url.IndexOf(p + parameter.Name, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(-1).First();
            var end = url.IndexOf('}', start);
            url = url[..start] + value + url[(end + 1)..];
        }
        return url;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, Protected e)
    {
        using var request = new HttpRequestMessage(new HttpMethod(e.Method), e.Url);
        if (e.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        // Only the status matters: do not wait for the body (the Orleans dashboard's log stream never ends).
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
