using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrderActors.Hosting;

/// <summary>
/// A silo startup task that makes sure a singleton grain's reminder is scheduled (with the configured interval). A
/// failure never stops the silo: the reminder, once registered, outlives it, and the next start tries again.
/// </summary>
public static class ReminderStartup
{
    public static Func<IServiceProvider, CancellationToken, Task> EnsureScheduled(string what, Func<IGrainFactory, Task> ensureScheduled) =>
        async (services, cancellationToken) =>
        {
            try
            {
                await ensureScheduled(services.GetRequiredService<IGrainFactory>()).WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReminderStartup).FullName!)
                    .LogWarning(ex, "Could not schedule {What}; the next silo start tries again", what);
            }
        };
}
