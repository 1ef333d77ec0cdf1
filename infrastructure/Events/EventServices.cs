using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderActors.Notifications;

namespace OrderActors.Events;

/// <summary>The event feed's services, for silos (the feed grain writes) and api-hosts (they read).</summary>
public static class EventServices
{
    public static IServiceCollection AddOrderActorsEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EventFeedOptions>(configuration.GetSection(EventFeedOptions.Section));
        services.AddSingleton<IEventLog, SqlEventLog>();
        services.AddSingleton<Statistics.OrderCounterQueries>();
        services.AddSingleton<Statistics.TaskCounterQueries>();
        services.AddSingleton<INotificationStore, SqlNotificationStore>();
        return services;
    }
}
