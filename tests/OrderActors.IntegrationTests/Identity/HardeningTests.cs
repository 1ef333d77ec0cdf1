using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class HardeningTests(ApiFactory factory)
{
    [Fact]
    public async Task Responses_carry_security_headers()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/auth/token", IdentityHttp.Json("{}"));

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Cross_origin_requests_are_not_allowed_by_default()
    {
        using var client = factory.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/orders");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");

        var response = await client.SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Unknown_routes_require_authentication_too()
    {
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/not-a-route")).StatusCode);
    }

    [Theory]
    [InlineData("u1", null, "u1", null, true)]
    [InlineData("u2", "Warehouse", "u1", "Warehouse", true)]
    [InlineData("u2", "Billing", "u1", "Warehouse", false)]
    [InlineData(null, "Billing", "u1", null, false)]
    public async Task Only_the_assignee_or_a_holder_of_the_steps_role_may_act_on_a_task(string? assignee, string? taskRole, string caller, string? callerRole, bool allowed)
    {
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();
        var claims = new List<Claim> { new(SecurityClaims.Subject, caller), new(SecurityClaims.Session, "s"), new(Permissions.ClaimType, Permissions.TasksWork) };
        if (callerRole is not null)
        {
            claims.Add(new Claim(SecurityClaims.Role, callerRole));
        }
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test", SecurityClaims.Name, SecurityClaims.Role));

        var result = await authorization.AuthorizeAsync(user, new TaskStub(assignee, taskRole), SecurityPolicies.TaskAccess);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task Managers_holding_workflows_manage_may_act_on_any_task()
    {
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();
        var manager = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(SecurityClaims.Subject, "m"), new Claim(SecurityClaims.Session, "s"), new Claim(Permissions.ClaimType, Permissions.WorkflowsManage)], "test"));

        Assert.True((await authorization.AuthorizeAsync(manager, new TaskStub("someone-else", "Warehouse"), SecurityPolicies.TaskAccess)).Succeeded);
    }

    private sealed record TaskStub(string? AssigneeId, string? Role) : ITaskAccessResource;
}
