using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class UsersApiTests(ApiFactory factory)
{
    [Fact]
    public async Task Creating_a_user_twice_is_a_409_naming_the_existing_user_and_changes_nothing()
    {
        var (id, email) = await factory.CreateUserAsync([BuiltInRoles.Billing]);
        using var admin = factory.CreateAdminClient();
        var before = await factory.CountUsersAsync();

        var again = await admin.PostJsonAsync("/api/users", new { email = email.ToUpperInvariant(), displayName = "Twin", roles = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(id, (await again.ReadJsonAsync()).GetProperty("id").GetString());
        Assert.Equal(before, await factory.CountUsersAsync());
        var stored = await admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}");
        Assert.Equal("Someone", stored.GetProperty("displayName").GetString());
        Assert.Equal([BuiltInRoles.Billing], stored.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(stored.TryGetProperty("passwordHash", out _));
    }

    [Fact]
    public async Task Admins_cannot_disable_themselves_or_drop_their_own_admin_role()
    {
        var (id, email) = await factory.CreateUserAsync([BuiltInRoles.Admin]);
        var (access, _) = await factory.SignInTokensAsync(email);
        using var self = factory.CreateClient().WithBearer(access);

        var disable = await self.PutAsync($"/api/users/{id}", IdentityHttp.Json("""{"disabled":true}"""));
        var demote = await self.PutAsync($"/api/users/{id}", IdentityHttp.Json("""{"roles":["Manager"]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task An_access_token_in_the_query_string_is_only_accepted_for_hubs()
    {
        var token = (await factory.IssueTokenForNewUserAsync([Permissions.OrdersRead])).AccessToken;
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/orders?limit=1&access_token={token}")).StatusCode);
    }
}
