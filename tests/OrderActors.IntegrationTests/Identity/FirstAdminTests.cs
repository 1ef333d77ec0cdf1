using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;

namespace OrderActors.IntegrationTests.Identity;

public sealed class FirstAdminTests(GeneratedAdminFactory factory) : IClassFixture<GeneratedAdminFactory>
{
    [Fact]
    public async Task An_embedded_node_without_bootstrap_settings_creates_an_admin_with_a_generated_password()
    {
        var report = factory.Services.GetRequiredService<BootstrapReport>();

        Assert.True(report.PasswordGenerated);
        Assert.Equal(BootstrapOptions.DefaultEmbeddedAdminEmail, report.AdminEmail);
        var admin = await factory.Services.GetRequiredService<UserStore>().FindByEmailAsync(BootstrapOptions.DefaultEmbeddedAdminEmail);
        Assert.NotNull(admin);
        Assert.Equal([BuiltInRoles.Admin], admin.Roles);
        Assert.NotNull(admin.PasswordHash);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync(BootstrapOptions.DefaultEmbeddedAdminEmail, "a-guess-that-is-wrong")).StatusCode);
        Assert.Single(await factory.AuditAsync("action=users.bootstrap_admin"));
    }
}
