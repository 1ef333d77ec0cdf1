using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OrderActors.Audit;
using OrderActors.Hosting;
using OrderActors.Identity;

namespace OrderActors.ApiHost.Security;

/// <summary>
/// At start (after migrations): loads or creates the installation's signing key, seeds the built-in roles, and when no
/// user exists creates the first administrator from <c>OrderActors:Bootstrap</c>. An embedded node without that
/// configuration generates a password and prints it once to the console.
/// </summary>
public sealed class IdentityBootstrapper(
    SigningKeyProvider signingKeys,
    RoleStore roles,
    UserStore users,
    IPasswordHasher<UserAccount> hasher,
    PasswordPolicy passwordPolicy,
    IOptions<BootstrapOptions> bootstrap,
    OrderActorsOptions node,
    IAuditLog audit,
    BootstrapReport report,
    ILogger<IdentityBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await signingKeys.LoadAsync(cancellationToken);
        foreach (var role in BuiltInRoles.All)
        {
            await roles.SeedAsync(role, cancellationToken);
        }
        // Admin always holds every permission, including ones added by a later release.
        await roles.GrantAsync(BuiltInRoles.Admin, Permissions.All, cancellationToken);
        if (await users.AnyAsync(cancellationToken))
        {
            return;
        }
        await CreateFirstAdminAsync(cancellationToken);
    }

    private async Task CreateFirstAdminAsync(CancellationToken ct)
    {
        var email = bootstrap.Value.AdminEmail;
        var password = bootstrap.Value.AdminPassword;
        var generated = false;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            if (node.Mode != RunMode.Embedded)
            {
                logger.LogWarning("No user exists. Set OrderActors__Bootstrap__AdminEmail and OrderActors__Bootstrap__AdminPassword to create the first administrator.");
                return;
            }
            email = string.IsNullOrWhiteSpace(email) ? BootstrapOptions.DefaultEmbeddedAdminEmail : email;
            password = "oa-" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18));
            generated = true;
        }
        var problems = passwordPolicy.Check(password, email);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"OrderActors__Bootstrap__AdminPassword does not meet the password policy: {string.Join(" ", problems)}");
        }
        var id = SecretHash.NewId();
        var created = await users.CreateAsync(id, email, "Administrator", hasher.HashPassword(new UserAccount { Id = id, Email = email }, password), [BuiltInRoles.Admin], ct);
        if (!created)
        {
            return;
        }
        report.AdminEmail = email;
        report.PasswordGenerated = generated;
        await audit.RecordAsync(new AuditEntry
        {
            ActorKind = nameof(Orders.ActorKind.System),
            ActorId = "bootstrap",
            Action = "users.bootstrap_admin",
            Target = email,
            Details = generated ? "password generated and printed once to the console" : "from OrderActors:Bootstrap",
        }, ct);
        if (generated)
        {
            // Printed to the console only (not the log sinks), once: it is not stored anywhere in clear.
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine(" OrderActors: first administrator created");
            Console.WriteLine($"   email:    {email}");
            Console.WriteLine($"   password: {password}");
            Console.WriteLine(" Shown only this once. Sign in and change it (POST /api/auth/password).");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
