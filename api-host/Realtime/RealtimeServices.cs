using Microsoft.AspNetCore.SignalR;
using OrderActors.ApiHost.Security;

namespace OrderActors.ApiHost.Realtime;

/// <summary>The api-host's real-time registrations and endpoints.</summary>
public static class RealtimeServices
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddSingleton<OrdersHubLifetimeManager>();
        services.AddSingleton<HubLifetimeManager<OrdersHub>>(sp => sp.GetRequiredService<OrdersHubLifetimeManager>());
        services.AddSingleton<FeedRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedRelay>());
        services.AddSingleton<LiveStatistics>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveStatistics>());
        return services;
    }

    public static void MapOrdersHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<OrdersHub>(OrdersHub.Route).RequirePermission(Permissions.EventsRead);
    }
}
