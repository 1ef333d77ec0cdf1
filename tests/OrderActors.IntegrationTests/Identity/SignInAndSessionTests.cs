using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class SignInAndSessionTests(ApiFactory factory)
{
    [Fact]
    public async Task The_bootstrap_admin_signs_in_and_holds_every_permission()
    {
        var (access, _) = await factory.SignInTokensAsync(ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        using var client = factory.CreateClient().WithBearer(access);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");

        Assert.Equal(ApiFactory.AdminEmail, me.GetProperty("email").GetString());
        Assert.Contains(BuiltInRoles.Admin, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Permissions.All.Order(), me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).Order());
    }

    [Fact]
    public async Task A_wrong_email_and_a_wrong_password_get_the_same_401()
    {
        var (_, email) = await factory.CreateUserAsync([BuiltInRoles.Warehouse]);
        using var client = factory.CreateClient();

        var wrongEmail = await client.SignInAsync($"nobody-{Guid.NewGuid():N}@shop.test", IdentityHttp.StrongPassword);
        var wrongPassword = await client.SignInAsync(email, "not-the-password-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongEmail.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        var a = await wrongEmail.ReadJsonAsync();
        var b = await wrongPassword.ReadJsonAsync();
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(
            a.EnumerateObject().Select(p => p.Name).Where(n => n != "traceId").Order(),
            b.EnumerateObject().Select(p => p.Name).Where(n => n != "traceId").Order());
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password_until_an_admin_unlocks_it()
    {
        var (id, email) = await factory.CreateUserAsync([BuiltInRoles.Warehouse]);
        using var client = factory.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync(email, $"wrong-password-{i}-xyz")).StatusCode);
        }
        var whileLocked = await client.SignInAsync(email, IdentityHttp.StrongPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, whileLocked.StatusCode);
        var lockouts = await factory.AuditAsync($"action=auth.lockout&target={Uri.EscapeDataString(email)}");
        Assert.Single(lockouts);
        Assert.Equal(id, lockouts[0].GetProperty("actorId").GetString());

        using var admin = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/users/{id}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(email, IdentityHttp.StrongPassword)).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_presenting_it_again_revokes_the_whole_session()
    {
        var (_, email) = await factory.CreateUserAsync([BuiltInRoles.Manager]);
        var (_, first) = await factory.SignInTokensAsync(email);
        using var client = factory.CreateClient();

        var rotated = await client.PostJsonAsync("/api/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var rotatedBody = await rotated.ReadJsonAsync();
        var second = rotatedBody.GetProperty("refreshToken").GetString()!;
        var newAccess = rotatedBody.GetProperty("accessToken").GetString()!;
        Assert.NotEqual(first, second);

        var replay = await client.PostJsonAsync("/api/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);

        // The reuse ended the session: the newest refresh token and its access token are dead too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/auth/refresh", new { refreshToken = second })).StatusCode);
        using var bearer = factory.CreateClient().WithBearer(newAccess);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/auth/me")).StatusCode);
        Assert.NotEmpty(await factory.AuditAsync("action=auth.refresh_reuse"));
    }

    [Fact]
    public async Task Logout_revokes_the_access_token_and_the_refresh_token_at_once()
    {
        var (_, email) = await factory.CreateUserAsync([BuiltInRoles.Manager]);
        var (access, refresh) = await factory.SignInTokensAsync(email);
        using var client = factory.CreateClient().WithBearer(access);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/orders?limit=1")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/auth/logout", new { refreshToken = refresh })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/orders?limit=1")).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);
    }

    [Fact]
    public async Task A_role_change_applies_to_the_next_request_and_disabling_ends_the_session()
    {
        var (id, email) = await factory.CreateUserAsync([BuiltInRoles.Warehouse]);
        var (access, refresh) = await factory.SignInTokensAsync(email);
        using var user = factory.CreateClient().WithBearer(access);
        using var admin = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/audit")).StatusCode);

        var promote = await admin.PutAsync($"/api/users/{id}", IdentityHttp.Json("""{"roles":["Manager"]}"""));
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/audit")).StatusCode);

        var disable = await admin.PutAsync($"/api/users/{id}", IdentityHttp.Json("""{"disabled":true}"""));
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/audit")).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SignInAsync(email, IdentityHttp.StrongPassword)).StatusCode);
        Assert.NotEmpty(await factory.AuditAsync($"action=users.disable&target={Uri.EscapeDataString(email)}"));
    }

    [Fact]
    public async Task The_dashboard_cookie_signs_in_and_out()
    {
        var (_, email) = await factory.CreateUserAsync([BuiltInRoles.CustomerService]);
        using var browser = factory.CreateClient();

        var signIn = await browser.PostJsonAsync("/api/auth/cookie", new { email, password = IdentityHttp.StrongPassword });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SecuritySchemes.CookieName, StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        var me = await browser.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(email, (await me.ReadJsonAsync()).GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/users")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/cookie/sign-out", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_session()
    {
        var (_, email) = await factory.CreateUserAsync([BuiltInRoles.Billing]);
        var (access, _) = await factory.SignInTokensAsync(email);
        var (otherDevice, _) = await factory.SignInTokensAsync(email);
        using var client = factory.CreateClient().WithBearer(access);

        var change = await client.PostJsonAsync("/api/auth/password", new { currentPassword = IdentityHttp.StrongPassword, newPassword = "another-quite-long-passphrase-9" });

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        using var other = factory.CreateClient().WithBearer(otherDevice);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync(email, IdentityHttp.StrongPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(email, "another-quite-long-passphrase-9")).StatusCode);
    }
}
