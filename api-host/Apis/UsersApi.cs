using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OrderActors.ApiHost.Apis.Identity;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Email;
using OrderActors.Identity;

namespace OrderActors.ApiHost.Apis;

/// <summary>User administration. Holding <c>users.manage</c> is administrator-equivalent (it can grant any role).</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").WithMetadata(AuditsItself.Instance).RequirePermission(Permissions.UsersManage);
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPost("/", Create).Accepts<CreateUserRequest>("application/json").Produces<UserResponse>(StatusCodes.Status201Created);
        group.MapPut("/{id}", Update).Accepts<UpdateUserRequest>("application/json").Produces<UserResponse>();
        group.MapPost("/{id}/unlock", Unlock);
        group.MapPost("/{id}/password-reset", SendPasswordReset);
        group.MapPost("/{id}/sign-out", SignOutEverywhere);
        return group;
    }

    private static async Task<IResult> List(UserStore users, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await users.ListAsync(ct)).Select(u => UserResponse.From(u, time.GetUtcNow())).ToList());

    private static async Task<IResult> Get(string id, UserStore users, TimeProvider time, CancellationToken ct) =>
        await users.FindByIdAsync(id, ct) is { } user ? TypedResults.Ok(UserResponse.From(user, time.GetUtcNow())) : NotFound(id);

    private static IResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found.", detail: $"No user has id {id}.");

    private static async Task<Validation> CheckRolesAsync(Validation v, IReadOnlyList<string>? roles, RoleStore roleStore, CancellationToken ct)
    {
        if (roles is null)
        {
            return v;
        }
        var known = (await roleStore.ListAsync(ct)).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < roles.Count; i++)
        {
            v.Require(roles[i] is not null && known.Contains(roles[i]), $"roles[{i}]", $"Unknown role '{roles[i]}'.");
        }
        return v;
    }

    private static async Task<IResult> Create(
        HttpContext http, UserStore users, RoleStore roles, PasswordPolicy policy, IPasswordHasher<UserAccount> hasher, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateUserRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var v = new Validation()
            .Require(body!.Email is { Length: > 0 and <= 254 } e && MailAddress.TryCreate(e.Trim(), out var parsed) && parsed.Address == e.Trim(), "email", "A valid email address is required.")
            .Require(!string.IsNullOrWhiteSpace(body.DisplayName) && body.DisplayName.Length <= 200, "displayName", "displayName is required (at most 200 characters).");
        if (body.Password is not null)
        {
            foreach (var error in policy.Check(body.Password, body.Email))
            {
                v.Add("password", error);
            }
        }
        await CheckRolesAsync(v, body.Roles, roles, ct);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var id = SecretHash.NewId();
        var hash = body.Password is null ? null : hasher.HashPassword(new UserAccount { Id = id, Email = body.Email! }, body.Password);
        if (!await users.CreateAsync(id, body.Email!, body.DisplayName!.Trim(), hash, body.Roles ?? [], ct))
        {
            var existing = await users.FindByEmailAsync(body.Email!, ct);
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A user with this email exists.",
                extensions: new Dictionary<string, object?> { ["id"] = existing?.Id });
        }
        await http.AuditAsync("users.create", body.Email, details: $"roles: {string.Join(",", body.Roles ?? [])}");
        var user = await users.FindByIdAsync(id, ct);
        return TypedResults.Created($"/api/users/{id}", UserResponse.From(user!, time.GetUtcNow()));
    }

    private static async Task<IResult> Update(string id, HttpContext http, UserStore users, RoleStore roles, SessionStore sessions, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<UpdateUserRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var user = await users.FindByIdAsync(id, ct);
        if (user is null)
        {
            return NotFound(id);
        }
        var self = http.User.FindFirst(SecurityClaims.Subject)?.Value == id;
        var v = new Validation()
            .Require(body!.DisplayName is null || (body.DisplayName.Trim().Length > 0 && body.DisplayName.Length <= 200), "displayName", "displayName is at most 200 characters and not blank.")
            .Require(!(self && body.Disabled == true), "disabled", "You cannot disable yourself.")
            .Require(!(self && body.Roles is not null && user.Roles.Contains(BuiltInRoles.Admin) && !body.Roles.Contains(BuiltInRoles.Admin)), "roles", "You cannot remove your own Admin role.");
        await CheckRolesAsync(v, body.Roles, roles, ct);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        await users.UpdateProfileAsync(id, body.DisplayName?.Trim() ?? user.DisplayName, body.Roles ?? user.Roles, ct);
        if (body.Disabled is { } disabled && disabled != user.IsDisabled)
        {
            await users.SetDisabledAsync(id, disabled, ct);
            if (disabled)
            {
                await sessions.RevokeAllAsync(id, ct);
            }
            await http.AuditAsync(disabled ? "users.disable" : "users.enable", user.Email);
        }
        if (body.Roles is not null && !body.Roles.Order(StringComparer.Ordinal).SequenceEqual(user.Roles.Order(StringComparer.Ordinal)))
        {
            await http.AuditAsync("users.roles_change", user.Email, details: $"{string.Join(",", user.Roles)} -> {string.Join(",", body.Roles)}");
        }
        if (body.DisplayName is not null && body.DisplayName.Trim() != user.DisplayName)
        {
            await http.AuditAsync("users.update", user.Email, details: "displayName");
        }
        return TypedResults.Ok(UserResponse.From((await users.FindByIdAsync(id, ct))!, time.GetUtcNow()));
    }

    private static async Task<IResult> Unlock(string id, HttpContext http, UserStore users, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id, ct);
        if (user is null)
        {
            return NotFound(id);
        }
        await users.ResetFailuresAsync(id, ct);
        await http.AuditAsync("users.unlock", user.Email);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SendPasswordReset(
        string id, HttpContext http, UserStore users, OneTimeTokenStore tokens, IEmailSender email, IOptions<SecurityOptions> options, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id, ct);
        if (user is null)
        {
            return NotFound(id);
        }
        await AuthApi.SendPasswordResetAsync(user, tokens, email, options.Value, ct);
        await http.AuditAsync("users.password_reset_sent", user.Email);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> SignOutEverywhere(string id, HttpContext http, UserStore users, SessionStore sessions, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id, ct);
        if (user is null)
        {
            return NotFound(id);
        }
        await sessions.RevokeAllAsync(id, ct);
        await users.RenewSecurityStampAsync(id, ct);
        await http.AuditAsync("users.sign_out_everywhere", user.Email);
        return TypedResults.NoContent();
    }
}
