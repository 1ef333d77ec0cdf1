using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class TwoFactorTests(ApiFactory factory)
{
    [Fact]
    public async Task Enrolled_users_need_a_current_code_and_each_code_works_once()
    {
        var (_, email) = await factory.CreateUserAsync([BuiltInRoles.Manager]);
        var (access, _) = await factory.SignInTokensAsync(email);
        using var user = factory.CreateClient().WithBearer(access);

        var setup = await user.PostAsync("/api/auth/2fa/setup", null);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var body = await setup.ReadJsonAsync();
        var secret = Totp.FromBase32(body.GetProperty("secret").GetString()!);
        Assert.StartsWith("otpauth://totp/", body.GetProperty("otpauthUri").GetString(), StringComparison.Ordinal);

        var wrong = await user.PostJsonAsync("/api/auth/2fa/enable", new { code = "000000" == Current(secret) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await user.PostJsonAsync("/api/auth/2fa/enable", new { code = Current(secret) })).StatusCode);
        Assert.True((await user.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("twoFactorEnabled").GetBoolean());

        using var anonymous = factory.CreateClient();
        var withoutCode = await anonymous.SignInAsync(email, IdentityHttp.StrongPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.True((await withoutCode.ReadJsonAsync()).GetProperty("twoFactorRequired").GetBoolean());

        // The code used to enable is spent; wait for the next time step rather than reuse it.
        var used = Current(secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SignInAsync(email, IdentityHttp.StrongPassword, used)).StatusCode);
        Assert.True(await IdentityHttp.EventuallyAsync(() => Task.FromResult(Current(secret) != used), TimeSpan.FromSeconds(35)));
        var fresh = Current(secret);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SignInAsync(email, IdentityHttp.StrongPassword, fresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SignInAsync(email, IdentityHttp.StrongPassword, fresh)).StatusCode);
        Assert.NotEmpty(await factory.AuditAsync($"action=auth.2fa_enable&target={Uri.EscapeDataString(email)}&outcome=success"));
    }

    private static string Current(byte[] secret) => Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow));
}
