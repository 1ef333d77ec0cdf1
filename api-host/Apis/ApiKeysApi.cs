using OrderActors.ApiHost.Apis.Identity;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;

namespace OrderActors.ApiHost.Apis;

/// <summary>API keys for machines: created by an administrator, shown once, scoped to permissions, revocable.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/api-keys").WithTags("API keys").WithMetadata(AuditsItself.Instance).RequirePermission(Permissions.UsersManage);
        group.MapGet("/", async (ApiKeyStore keys, CancellationToken ct) => TypedResults.Ok((await keys.ListAsync(ct)).Select(ApiKeyResponse.From).ToList()));
        group.MapPost("/", Create).Accepts<CreateApiKeyRequest>("application/json").Produces<ApiKeyCreatedResponse>(StatusCodes.Status201Created);
        group.MapDelete("/{id}", Revoke);
        return group;
    }

    private static async Task<IResult> Create(HttpContext http, ApiKeyStore keys, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateApiKeyRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var v = new Validation()
            .Require(!string.IsNullOrWhiteSpace(body!.Name) && body.Name.Length <= 200, "name", "name is required (at most 200 characters).")
            .Require(body.Permissions is { Count: > 0 }, "permissions", "At least one permission is required.");
        var held = http.User.FindAll(Permissions.ClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; body.Permissions is not null && i < body.Permissions.Count; i++)
        {
            var permission = body.Permissions[i];
            if (permission is null || !Permissions.All.Contains(permission))
            {
                v.Add($"permissions[{i}]", $"Unknown permission '{permission}'.");
            }
            else if (!held.Contains(permission))
            {
                // A key never carries more than its creator holds.
                v.Add($"permissions[{i}]", $"You do not hold '{permission}' yourself.");
            }
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        var creator = http.User.ToActor();
        var (record, key) = await keys.CreateAsync(body.Name!.Trim(), body.Permissions!.Distinct().ToList(), $"{creator.Id} ({creator.DisplayName})", ct);
        await http.AuditAsync("api_keys.create", record.Id, details: $"{record.Name}: {string.Join(",", record.Permissions)}");
        return TypedResults.Created($"/api/api-keys/{record.Id}",
            new ApiKeyCreatedResponse(record.Id, record.Name, key, record.KeyPrefix, record.Permissions, record.CreatedAt));
    }

    private static async Task<IResult> Revoke(string id, HttpContext http, ApiKeyStore keys, CancellationToken ct)
    {
        var existing = await keys.FindAsync(id, ct);
        if (existing is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "API key not found.", detail: $"No API key has id {id}.");
        }
        var creator = http.User.ToActor();
        if (await keys.RevokeAsync(id, $"{creator.Id} ({creator.DisplayName})", ct))
        {
            await http.AuditAsync("api_keys.revoke", id, details: existing.Name);
        }
        return TypedResults.NoContent();
    }
}
