using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderActors.Workflows;

namespace OrderActors.Hosting;

/// <summary>Makes sure the reminder of the workflow start sweep is scheduled (with the configured interval) when a silo starts.</summary>
public static class WorkflowStartSweepStartup
{
    public static async Task EnsureScheduledAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IGrainFactory>()
                .GetGrain<IWorkflowStartSweepGrain>(IWorkflowStartSweepGrain.SingletonKey)
                .EnsureScheduled()
                .WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reminder, once registered, outlives this silo; the next start tries again.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkflowStartSweepStartup).FullName!)
                .LogWarning(ex, "Could not schedule the sweep of unconfirmed workflow starts");
        }
    }
}
