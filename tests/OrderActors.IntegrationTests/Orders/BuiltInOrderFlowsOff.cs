using Microsoft.Extensions.Hosting;
using OrderActors.Grains.Workflows.Flows;
using OrderActors.Workflows;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>
/// Deactivates the built-in flows of the order triggers once the silo has seeded them, so the order tests see the
/// order aggregate alone: an accept by hand would otherwise close the standard flow's accept task and the flow would
/// move the order on to InProgress on its own.
/// </summary>
public sealed class BuiltInOrderFlowsOff(IGrainFactory grains) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var flow in BuiltInFlows.All.Where(f => f.Trigger is FlowTrigger.OrderReceived or FlowTrigger.OrderAccepted))
        {
            // Saved first with the seeder's own operation id, in case the seeder has not run yet: it then finds the flow.
            var grain = grains.GetGrain<IProcessFlowGrain>(flow.Id);
            if (await grain.GetLatest() is null)
            {
                await grain.Save(flow, $"seed:{flow.Id}", "system", create: true);
            }
            await grain.SetActive(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
