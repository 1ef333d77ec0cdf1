using System.Security.Claims;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Security;

public static class CallerActor
{
    public const string ApiKeyClaim = "api_key";

    /// <summary>The audit actor for the authenticated caller: a user, or an API key.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        var name = user.FindFirstValue("name") ?? user.Identity?.Name;
        return user.HasClaim(c => c.Type == ApiKeyClaim)
            ? new Actor(ActorKind.ApiKey, id, name)
            : new Actor(ActorKind.User, id, name);
    }
}
