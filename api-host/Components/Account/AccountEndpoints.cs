using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using OrderActors.ApiHost.Security;

namespace OrderActors.ApiHost.Components.Account;

public static class AccountEndpoints
{
    /// <summary><c>POST /account/sign-out</c>: the dashboard's sign-out form (antiforgery-checked): ends the session and the cookie.</summary>
    public static void MapDashboardAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-out", async (HttpContext http, SignInService signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync(null, http.User, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
            await http.SignOutAsync(SecuritySchemes.Cookie);
            return TypedResults.LocalRedirect("/login");
        })
        .RequireSignedInUser()
        .WithMetadata(AuditsItself.Instance)
        .ExcludeFromDescription();
    }
}
