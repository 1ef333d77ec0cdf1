using Microsoft.Extensions.Logging;
using OrderActors.Grains.Orders.HandOvers;
using OrderActors.Orders;

namespace OrderActors.Grains.Orders;

/// <summary>
/// The safety net under the three durable hand-overs (workflow starts, outside decisions, write-backs): while the order
/// holds any of them unconfirmed, its projection marks it (<see cref="IPendingHandOverIndex"/>) in the transaction of
/// its read-model row, so a silo that dies before the receivers confirm leaves a mark the hand-over sweep resumes with
/// <see cref="ResumeHandOvers"/>. The last confirmation clears the mark up to the order's version; an order that never
/// holds anything writes and clears nothing.
/// </summary>
public sealed partial class OrderGrain
{
    public async Task<OrderHandOvers> ResumeHandOvers()
    {
        // Activated by this call: OnActivateAsync handed everything over, and set the retry timer if anything is left.
        // Active for longer: that timer keeps handing over until the receivers confirm. Without a timer nothing is in flight.
        if (_retryTimer is null)
        {
            await FollowUpAsync();
        }
        return new OrderHandOvers(
            // An order that does not exist holds nothing, whatever version its mark was written at.
            state.State.Order?.Version ?? long.MaxValue,
            [.. state.State.PendingWorkflowStarts],
            [.. state.State.PendingWorkflowDecisions.Select(d => d.OperationId)],
            [.. state.State.WriteBacks.Select(w => w.Request.OperationId)]);
    }

    /// <summary>True while a start, decision or write-back waits for its receiver's confirmation.</summary>
    private bool HoldsHandOvers =>
        state.State.PendingWorkflowStarts.Count > 0 || state.State.PendingWorkflowDecisions.Count > 0 || state.State.WriteBacks.Count > 0;

    /// <summary>After a confirmation: once nothing is left, the order's mark goes (not awaited; a lost clear is the sweep's).</summary>
    private void ClearHandOverMarkWhenSettled()
    {
        if (state.State.Order is { } order && !HoldsHandOvers)
        {
            _ = ClearHandOverMarkAsync(new HandOverMark(order.Id, order.Version));
        }
    }

    private async Task ClearHandOverMarkAsync(HandOverMark mark)
    {
        try
        {
            await handOvers.ClearAsync([mark]);
        }
        catch (Exception ex)
        {
            // Everything was confirmed; a mark left behind only makes the sweep ask this order once more, and then goes.
            logger.LogDebug(ex, "Clearing the hand-over mark of order {OrderId} failed", mark.OrderId);
        }
    }
}
