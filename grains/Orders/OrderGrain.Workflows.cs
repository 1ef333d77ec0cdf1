using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Orders;

/// <summary>
/// Flows triggered by acceptance: once an accept (by a person or by a workflow step) is durably applied, the
/// OrderAccepted flows start, the same way OrderReceived flows start after a new order is stored. Starting is
/// idempotent per order and flow, so an accept after an undo does not start a second instance.
/// </summary>
public sealed partial class OrderGrain
{
    private async Task<OrderCommandResult> StartAcceptedWorkflowsAsync(Task<OrderCommandResult> command)
    {
        var result = await command;
        if (result is { Outcome: CommandOutcome.Applied, Order.WorkflowStatus: WorkflowStatus.Accepted })
        {
            await GrainFactory.GetGrain<IWorkflowStarterGrain>(0).OrderTriggered(result.Order.Id, FlowTrigger.OrderAccepted);
        }
        return result;
    }
}
