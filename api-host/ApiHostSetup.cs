using System.Text.Json.Serialization;
using OrderActors.ApiHost.Apis;
using OrderActors.ApiHost.Apis.Billing;
using OrderActors.ApiHost.Components;
using OrderActors.ApiHost.Health;
using OrderActors.ApiHost.Realtime;
using OrderActors.ApiHost.Security;
using OrderActors.Hosting;
using OrderActors.Marketplaces;
using Scalar.AspNetCore;
using Serilog;

namespace OrderActors.ApiHost;

/// <summary>The api-host's registrations and pipeline, kept here so Program.cs reads in a minute.</summary>
public static class ApiHostSetup
{
    public static void AddOrderActorsOrleans(this WebApplicationBuilder builder, OrderActorsOptions options)
    {
        var connectionString = builder.Configuration.GetConnectionString(OrderActorsOptions.ConnectionStringName);
        if (options.Mode == RunMode.Embedded)
        {
            builder.UseOrleans(silo => silo.ConfigureOrderActorsSilo(options, connectionString).AddOrleansDashboardForAdmins());
        }
        else
        {
            builder.UseOrleansClient(client => client.ConfigureOrderActorsClient(options, connectionString));
        }
    }

    public static IServiceCollection AddApiHostServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi();
        services.AddOrderActorsSecurity(configuration);
        services.AddBillingApiServices();
        services.AddRealtime();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("storage", tags: ["ready"])
            .AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        services.AddWebhookInboxProcessor();
        return services;
    }

    public static void UseApiHostPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging(o => o.GetLevel = (ctx, _, ex) =>
            ex is not null || ctx.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
            : ctx.Request.Path.StartsWithSegments("/health") || ctx.Request.Path.StartsWithSegments("/metrics") ? Serilog.Events.LogEventLevel.Verbose
            : Serilog.Events.LogEventLevel.Information);
        app.UseDashboardSignInRedirect();
        app.UseOrderActorsSecurity();
        app.UseDashboard();
    }

    public static void MapApiHostEndpoints(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapOrdersApi();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapRolesApi();
        app.MapApiKeysApi();
        app.MapAuditApi();
        app.MapInvoicesApi();
        app.MapPosApi();
        app.MapReturnsApi();
        app.MapStockApi();
        app.MapPlatformAccountsApi();
        app.MapWebhooksApi();
        app.MapOrdersHub();
        app.MapEventsApi();
        app.MapNotificationsApi();
        app.MapWorkflowsApi();
        app.MapTasksApi();
        app.MapDashboard();
    }
}
