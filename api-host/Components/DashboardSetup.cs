using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;
using OrderActors.ApiHost.Components.Account;
using OrderActors.ApiHost.Components.Live;
using OrderActors.ApiHost.Components.Orders;
using OrderActors.ApiHost.Security;

namespace OrderActors.ApiHost.Components;

/// <summary>
/// The web dashboard: a Blazor Web App in interactive server mode inside the api-host, reading and commanding through
/// the same services as the API (read model queries, order grains, the event feed relay) and signed in with the
/// identity work's cookie scheme.
/// </summary>
public static class DashboardSetup
{
    public static void AddDashboard(this WebApplicationBuilder builder)
    {
        // Outside Development the framework and library assets of a build (not a publish) are only found through the
        // static web assets manifest next to the dll; a publish copies them to wwwroot and has no manifest.
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json");
        if (!builder.Environment.IsDevelopment() && File.Exists(manifest))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddSingleton<DashboardFeed>();
        services.AddScoped<LiveFeed>();
        services.AddScoped<CircuitHandler, LiveCircuitHandler>();
        services.AddScoped<DashboardOrderCommands>();
        services.AddScoped<DashboardUser>();
        services.AddScoped<DashboardAudit>();
        services.AddHostedService<OrderStreamFeedBridge>();
    }

    /// <summary>Form posts of the sign-in pages carry an antiforgery token; after authentication, before the endpoints.</summary>
    public static void UseDashboard(this WebApplication app) => app.UseAntiforgery();

    public static void MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            // Pages authenticate with the dashboard cookie, so a visitor without one is sent to /login (pages add their permission).
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = SecuritySchemes.Cookie })
            // Circuit traffic is not a state change of its own: each dashboard command writes its own audit entry.
            .WithMetadata(AuditsItself.Instance);
        app.MapDashboardAccountEndpoints();
        app.MapOrleansDashboardForAdmins();
    }
}
