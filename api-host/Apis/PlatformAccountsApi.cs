using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Apis.PlatformAccounts;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Marketplaces;
using OrderActors.Marketplaces.ReadModel;

namespace OrderActors.ApiHost.Apis;

/// <summary>Connected shops: connect (credentials or OAuth), list with sync health, update, validate, sync now, disable, delete.</summary>
public static class PlatformAccountsApi
{
    public static RouteGroupBuilder MapPlatformAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/platform-accounts").WithTags("Platform accounts");
        group.MapPost("/", Connect).RequirePermission(Permissions.PlatformsManage);
        group.MapPost("/oauth/start", StartOAuth).RequirePermission(Permissions.PlatformsManage);
        // The seller's browser comes back here from the platform: the one-time state, not a bearer token, authenticates it.
        group.MapGet("/oauth/callback", OAuthCallback).AllowAnonymous();
        group.MapGet("/", List).RequirePermission(Permissions.PlatformsManage);
        group.MapGet("/{id:guid}", Get).RequirePermission(Permissions.PlatformsManage);
        group.MapPatch("/{id:guid}", Update).RequirePermission(Permissions.PlatformsManage);
        group.MapPost("/{id:guid}/validate", Validate).RequirePermission(Permissions.PlatformsManage);
        group.MapPost("/{id:guid}/sync", SyncNow).RequirePermission(Permissions.PlatformsManage);
        group.MapPost("/{id:guid}/disable", Disable).RequirePermission(Permissions.PlatformsManage);
        group.MapDelete("/{id:guid}", Delete).RequirePermission(Permissions.PlatformsManage);
        return group;
    }

    public sealed record AccountList(IReadOnlyList<PlatformAccountSummary> Items);

    public sealed record OAuthStarted(Guid Id, string AuthorizationUrl, string State);

    public sealed record ValidationOutcome(bool Valid, string? Error, PlatformAccountInfo? Account);

    private static async Task<IResult> Connect(HttpRequest request, IClusterClient orleans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ConnectAccountRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var validation = AccountRequestValidator.Validate(body!, out var command);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        // With an Idempotency-Key the account id is derived from it, so a retried connect lands on the same account.
        var id = request.Headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 and <= 200 } key
            ? new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"platform-account:{key}"))[..16])
            : Guid.NewGuid();
        var result = await orleans.GetGrain<IPlatformAccountGrain>(id).Connect(command!);
        if (!result.Succeeded)
        {
            return new Validation().Add("credentials", $"The platform refused the credentials: {result.Error}").ToProblem();
        }
        return TypedResults.Created($"/api/platform-accounts/{id}", result.Account);
    }

    private static async Task<IResult> StartOAuth(HttpRequest request, IClusterClient orleans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<StartOAuthRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var validation = AccountRequestValidator.Validate(body!, out var command);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        var id = Guid.NewGuid();
        var state = $"{id:N}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        var url = await orleans.GetGrain<IPlatformAccountGrain>(id).StartAuthorization(command!, state);
        return TypedResults.Ok(new OAuthStarted(id, url, state));
    }

    private static async Task<IResult> OAuthCallback(HttpRequest request, IClusterClient orleans)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        if (!query.TryGetValue("state", out var state) || state.Split('.') is not [var idText, _] || !Guid.TryParseExact(idText, "N", out var id))
        {
            return new Validation().Add("state", "state is missing or was not issued by this API.").ToProblem();
        }
        var result = await orleans.GetGrain<IPlatformAccountGrain>(id).CompleteAuthorization(state, query);
        return result.Succeeded
            ? TypedResults.Ok(result.Account)
            : new Validation().Add(query.ContainsKey("code") ? "code" : "state", result.Error!).ToProblem();
    }

    private static async Task<IResult> List(PlatformAccountQueries queries, string? platform, CancellationToken ct)
    {
        if (platform is not null && !AccountRequestValidator.TryPlatform(platform, out _))
        {
            return new Validation().Add("platform", $"Unknown platform '{platform}'.").ToProblem();
        }
        return TypedResults.Ok(new AccountList(await queries.ListAsync(platform, ct)));
    }

    private static async Task<Results<Ok<PlatformAccountInfo>, ProblemHttpResult>> Get(Guid id, IClusterClient orleans) =>
        await orleans.GetGrain<IPlatformAccountGrain>(id).GetInfo() is { } info ? TypedResults.Ok(info) : NotFound(id);

    private static async Task<IResult> Update(Guid id, HttpRequest request, IClusterClient orleans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<UpdateAccountRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var validation = AccountRequestValidator.Validate(body!, out var command);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        var grain = orleans.GetGrain<IPlatformAccountGrain>(id);
        if (await grain.GetInfo() is null)
        {
            return NotFound(id);
        }
        var result = await grain.Update(command!);
        return result.Succeeded
            ? TypedResults.Ok(result.Account)
            : new Validation().Add("credentials", $"The platform refused the credentials: {result.Error}").ToProblem();
    }

    private static async Task<IResult> Validate(Guid id, IClusterClient orleans)
    {
        var grain = orleans.GetGrain<IPlatformAccountGrain>(id);
        if (await grain.GetInfo() is null)
        {
            return NotFound(id);
        }
        var result = await grain.Validate();
        return TypedResults.Ok(new ValidationOutcome(result.Succeeded, result.Error, result.Account));
    }

    private static async Task<IResult> SyncNow(Guid id, IClusterClient orleans)
    {
        var grain = orleans.GetGrain<IPlatformAccountGrain>(id);
        if (await grain.GetInfo() is not { } info)
        {
            return NotFound(id);
        }
        await grain.SyncNow();
        return TypedResults.Accepted($"/api/platform-accounts/{id}", info);
    }

    private static async Task<IResult> Disable(Guid id, IClusterClient orleans)
    {
        var grain = orleans.GetGrain<IPlatformAccountGrain>(id);
        if (await grain.GetInfo() is null)
        {
            return NotFound(id);
        }
        await grain.Disable();
        return TypedResults.Ok(await grain.GetInfo());
    }

    private static async Task<IResult> Delete(Guid id, IClusterClient orleans)
    {
        await orleans.GetGrain<IPlatformAccountGrain>(id).Delete();
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(title: "Platform account not found.", detail: $"No platform account has id {id}.", statusCode: StatusCodes.Status404NotFound);
}
