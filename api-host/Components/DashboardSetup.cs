using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;
using OrderActors.ApiHost.Components.Account;
using OrderActors.ApiHost.Components.Accounts;
using OrderActors.ApiHost.Components.Billing;
using OrderActors.ApiHost.Components.Live;
using OrderActors.ApiHost.Components.Orders;
using OrderActors.ApiHost.Components.Returns;
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

        // A publish keeps its assets in wwwroot next to the dll, but the web root is found from the working directory:
        // the container (WORKDIR /app, dll in /app/api-host) or `dotnet out/OrderActors.ApiHost.dll` from another folder
        // would answer every asset with an empty 200. Use the published wwwroot when the working directory has none.
        var publishedWebRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if ((string.IsNullOrEmpty(builder.Environment.WebRootPath) || !Directory.Exists(builder.Environment.WebRootPath))
            && Directory.Exists(publishedWebRoot))
        {
            builder.Environment.WebRootPath = publishedWebRoot;
            builder.Environment.WebRootFileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(publishedWebRoot);
        }

        // From build output MapStaticAssets would add a catch-all {**path:file} for files added after the build; only the
        // files the build listed are served (as after a publish), so every endpoint keeps an explicit policy.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] ??= "true";

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
        services.AddScoped<Tasks.DashboardTaskCommands>();
        services.TryAddSingleton<OrderActors.ReadModel.OrderLabelQueries>();
        services.AddScoped<Workflows.DashboardWorkflows>();
        services.AddScoped<PlatformAccountCommands>();
        services.AddScoped<ReturnCommands>();
        services.AddScoped<BillingCommands>();
    }

    /// <summary>
    /// Before the security pipeline: a browser navigation (Accept: text/html) to a page that answered 401 is sent to the
    /// sign-in page instead. API clients and other callers keep the 401.
    /// </summary>
    public static void UseDashboardSignInRedirect(this WebApplication app) => app.Use(async (context, next) =>
    {
        await next(context);
        var request = context.Request;
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && !context.Response.HasStarted
            && HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal)
            && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/hubs") && !request.Path.StartsWithSegments("/_blazor"))
        {
            context.Response.Clear();
            context.Response.Redirect($"/login?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}");
        }
    });

    /// <summary>Form posts of the sign-in pages carry an antiforgery token; after authentication, before the endpoints.</summary>
    public static void UseDashboard(this WebApplication app) => app.UseAntiforgery();

    public static void MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            // Every page and the circuit hub need a signed-in person; pages add their permission.
            .RequireAuthorization(SecurityPolicies.SignedInUser)
            // Circuit traffic is not a state change of its own: each dashboard command writes its own audit entry.
            .WithMetadata(AuditsItself.Instance);
        app.MapDashboardAccountEndpoints();
        app.MapOrleansDashboardForAdmins();
    }
}
