using System.Text.RegularExpressions;
using OrderActors.ApiHost.Apis.Identity;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;

namespace OrderActors.ApiHost.Apis;

/// <summary>Roles and their permissions. Admin always holds every permission; other built-in roles may be changed, not deleted.</summary>
public static partial class RolesApi
{
    public static RouteGroupBuilder MapRolesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/permissions", () => TypedResults.Ok(Permissions.All)).WithTags("Roles").RequirePermission(Permissions.UsersManage);

        var group = app.MapGroup("/api/roles").WithTags("Roles").WithMetadata(AuditsItself.Instance).RequirePermission(Permissions.UsersManage);
        group.MapGet("/", async (RoleStore roles, CancellationToken ct) => TypedResults.Ok(await roles.ListAsync(ct)));
        group.MapGet("/{name}", Get);
        group.MapPut("/{name}", Put).Accepts<PutRoleRequest>("application/json").Produces<RoleDefinition>();
        group.MapDelete("/{name}", Delete);
        return group;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex RoleName();

    private static async Task<IResult> Get(string name, RoleStore roles, CancellationToken ct) =>
        await roles.FindAsync(name, ct) is { } role
            ? TypedResults.Ok(role)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Role not found.", detail: $"No role is named {name}.");

    private static async Task<IResult> Put(string name, HttpContext http, RoleStore roles, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<PutRoleRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var v = new Validation()
            .Require(RoleName().IsMatch(name), "name", "A role name is a letter then up to 63 letters, digits, '_' or '-'.")
            .Require(body!.Description is null || body.Description.Length <= 500, "description", "description is at most 500 characters.")
            .Require(body.Permissions is not null, "permissions", "permissions is required (it may be empty).");
        for (var i = 0; body.Permissions is not null && i < body.Permissions.Count; i++)
        {
            v.Require(body.Permissions[i] is not null && Permissions.All.Contains(body.Permissions[i]), $"permissions[{i}]", $"Unknown permission '{body.Permissions[i]}'.");
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        if (name == BuiltInRoles.Admin)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The Admin role always holds every permission and cannot be changed.");
        }
        var before = await roles.FindAsync(name, ct);
        var role = new RoleDefinition(name, body.Description, BuiltInRoles.IsBuiltIn(name), body.Permissions!.Distinct().Order(StringComparer.Ordinal).ToList());
        await roles.UpsertAsync(role, ct);
        await http.AuditAsync(before is null ? "roles.create" : "roles.update", name,
            details: $"{(before is null ? "" : string.Join(",", before.Permissions) + " -> ")}{string.Join(",", role.Permissions)}");
        return TypedResults.Ok(await roles.FindAsync(name, ct));
    }

    private static async Task<IResult> Delete(string name, HttpContext http, RoleStore roles, CancellationToken ct)
    {
        if (BuiltInRoles.IsBuiltIn(name))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Built-in roles cannot be deleted.");
        }
        if (await roles.DeleteAsync(name, ct))
        {
            await http.AuditAsync("roles.delete", name);
        }
        return TypedResults.NoContent();
    }
}
