using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Serilog.Events;

namespace OrderActors.Hosting;

/// <summary>
/// Keeps a graceful stop's log readable. When a silo stops, Orleans deactivates (or tries to migrate) every activation
/// and forwards the messages still queued at them, for instance the workflow starts that a burst of new orders handed to
/// the starter; with no other active silo each forwarded message fails placement ("No active nodes are compatible with
/// grain ...", "Silo ... is shutting down") and is logged once per message and per placement retry, hundreds of lines.
/// What those messages carried is durable at its sender (the order's pending starts, decisions, outbox and write-backs,
/// retried on the next activation or by the start sweep), so once the host is stopping these failures are expected and
/// are not written.
/// </summary>
public static class ShutdownLogFilter
{
    private const string NoActiveNodes = "No active nodes are compatible with grain";

    public static bool IsExpectedWhileStopping(LogEvent logEvent, IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStopping.IsCancellationRequested && IsPlacementFailureOfAStoppingSilo(logEvent.Exception);

    public static bool IsPlacementFailureOfAStoppingSilo(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is SiloUnavailableException || (ex is OrleansException && ex.Message.StartsWith(NoActiveNodes, StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }
}
