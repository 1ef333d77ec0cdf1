using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderActors.Housekeeping;

namespace OrderActors.Hosting;

/// <summary>Makes sure the storage upkeep reminder is scheduled when a silo starts.</summary>
public static class HousekeepingStartup
{
    public static async Task EnsureScheduledAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IGrainFactory>()
                .GetGrain<IHousekeepingGrain>(IHousekeepingGrain.SingletonKey)
                .EnsureScheduled()
                .WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Upkeep is not worth refusing orders for; the next start tries again.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HousekeepingStartup).FullName!)
                .LogWarning(ex, "Could not schedule the storage upkeep reminder");
        }
    }
}
