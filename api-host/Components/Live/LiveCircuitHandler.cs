using Microsoft.AspNetCore.Components.Server.Circuits;

namespace OrderActors.ApiHost.Components.Live;

/// <summary>
/// Per circuit: when the browser reconnects, the circuit's <see cref="LiveFeed"/> catches up from the event log; every
/// inbound event (click, key, navigation) counts as activity for the idle timeout.
/// </summary>
public sealed class LiveCircuitHandler(LiveFeed feed, DashboardUser user) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        feed.CatchUp();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            user.Touch();
            return next(context);
        };
}
