using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Hosting;
using Orleans.Runtime;
using Serilog.Events;

namespace OrderActors.UnitTests.Hosting;

/// <summary>Only placement failures of a stopping silo, and only once the host is stopping, are kept out of the log.</summary>
public sealed class ShutdownLogFilterTests
{
    private static readonly Exception NoActiveNodes = new OrleansException(
        "No active nodes are compatible with grain workflowstarter and interface OrderActors.Workflows.IWorkflowStarterGrain version 0.");

    [Fact]
    public void Placement_failures_are_expected_only_while_the_host_stops()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var forwarded = Event(NoActiveNodes);
        var shuttingDown = Event(new AggregateException(new SiloUnavailableException("Silo 'S127.0.0.1:11111:1' is shutting down.")));
        Assert.False(ShutdownLogFilter.IsExpectedWhileStopping(forwarded, lifetime));
        Assert.False(ShutdownLogFilter.IsExpectedWhileStopping(shuttingDown, lifetime));

        lifetime.StopApplication();
        Assert.True(ShutdownLogFilter.IsExpectedWhileStopping(forwarded, lifetime));
        Assert.True(ShutdownLogFilter.IsExpectedWhileStopping(shuttingDown, lifetime));
        Assert.False(ShutdownLogFilter.IsExpectedWhileStopping(Event(new OrleansException("Grain call timed out")), lifetime));
        Assert.False(ShutdownLogFilter.IsExpectedWhileStopping(Event(new TimeoutException("database")), lifetime));
        Assert.False(ShutdownLogFilter.IsExpectedWhileStopping(Event(null), lifetime));
    }

    private static LogEvent Event(Exception? exception) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Error, exception, MessageTemplate.Empty, []);
}
