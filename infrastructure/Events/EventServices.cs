using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrderActors.Events;

/// <summary>The event feed's services, for silos (the feed grain writes) and api-hosts (they read).</summary>
public static class EventServices
{
    public static IServiceCollection AddOrderActorsEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EventFeedOptions>(configuration.GetSection(EventFeedOptions.Section));
        services.AddSingleton<IEventLog, SqlEventLog>();
        return services;
    }
}
