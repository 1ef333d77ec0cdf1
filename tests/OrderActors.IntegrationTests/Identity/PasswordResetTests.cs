using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Email;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

[Collection(IdentityCollection.Name)]
public sealed partial class PasswordResetTests(ApiFactory factory)
{
    [GeneratedRegex(@"password-reset/confirm: (?<token>\S+)")]
    private static partial Regex TokenInMail();

    private DevelopmentEmailSink Sink => factory.Services.GetRequiredService<DevelopmentEmailSink>();

    [Fact]
    public async Task A_mailed_one_time_token_sets_a_new_password_once_and_ends_old_sessions()
    {
        var (_, email) = await factory.CreateUserAsync([BuiltInRoles.Warehouse]);
        var (oldAccess, _) = await factory.SignInTokensAsync(email);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/auth/password-reset", new { email })).StatusCode);
        var mail = Sink.Messages.Last(m => m.To == email);
        var token = TokenInMail().Match(mail.Body).Groups["token"].Value;
        Assert.NotEmpty(token);

        var weak = await client.PostJsonAsync("/api/auth/password-reset/confirm", new { token, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.ReadJsonAsync()).GetProperty("errors").TryGetProperty("newPassword", out _));

        var reset = await client.PostJsonAsync("/api/auth/password-reset/confirm", new { token, newPassword = "brand-new-long-passphrase-3" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        var again = await client.PostJsonAsync("/api/auth/password-reset/confirm", new { token, newPassword = "yet-another-passphrase-44" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync(email, IdentityHttp.StrongPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(email, "brand-new-long-passphrase-3")).StatusCode);
        using var old = factory.CreateClient().WithBearer(oldAccess);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_mail()
    {
        var email = $"ghost-{Guid.NewGuid():N}@shop.test";
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/auth/password-reset", new { email });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain(Sink.Messages, m => m.To == email);
    }
}
