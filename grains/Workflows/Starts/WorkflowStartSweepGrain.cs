using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Starts;

/// <summary>
/// See <see cref="IWorkflowStartSweepGrain"/>. Each tick takes the oldest marks of <see cref="IPendingWorkflowStartIndex"/>
/// older than the grace age and asks their orders to resume (<see cref="IOrderGrain.ResumeWorkflowStarts"/>): that
/// activates an order whose silo died, whose activation hands its pending starts over again. Starts the order no longer
/// holds were confirmed: their marks go. Starts it still holds are postponed by the grace age (the order hands them
/// over until the starter confirms and clears them), so a start that keeps failing does not hold up the others.
/// Repeats are harmless: the starter starts at most one instance per order and trigger.
/// </summary>
public sealed class WorkflowStartSweepGrain(
    [PersistentState("workflow-start-sweep")] IPersistentState<WorkflowStartSweepState> state,
    IPendingWorkflowStartIndex index,
    IOptions<WorkflowStartSweepOptions> options,
    TimeProvider time,
    ILogger<WorkflowStartSweepGrain> logger) : Grain, IWorkflowStartSweepGrain, IRemindable
{
    public const string SweepReminder = "workflow-start-sweep";

    private WorkflowStartSweepOptions Options => options.Value;

    public async Task EnsureScheduled()
    {
        if (state.State.ScheduledInterval == Options.Interval && await this.GetReminder(SweepReminder) is not null)
        {
            return;
        }
        await this.RegisterOrUpdateReminder(SweepReminder, Options.Interval, Options.Interval);
        state.State.ScheduledInterval = Options.Interval;
        await state.WriteStateAsync();
        logger.LogInformation("Scheduled the sweep of unconfirmed workflow starts every {Interval}", Options.Interval);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SweepReminder)
        {
            await Sweep();
        }
    }

    public async Task<int> Sweep()
    {
        var now = time.GetUtcNow();
        var due = await index.DueAsync(now - Options.GraceAge, Options.MaxStartsPerSweep);
        if (due.Count == 0)
        {
            return 0;
        }
        var confirmed = new List<PendingWorkflowStart>();
        var pending = new List<PendingWorkflowStart>();
        var unreachable = 0;
        // A few orders at a time, awaited on this activation's scheduler: bounded load on the silos and the database.
        foreach (var wave in due.GroupBy(s => s.OrderId).Chunk(Math.Max(1, Options.Parallelism)))
        {
            var held = await Task.WhenAll(wave.Select(order => HeldStartsAsync(order.Key)));
            for (var i = 0; i < wave.Length; i++)
            {
                if (held[i] is not { } triggers)
                {
                    unreachable += wave[i].Count();
                    pending.AddRange(wave[i]);
                    continue;
                }
                confirmed.AddRange(wave[i].Where(s => !triggers.Contains(s.Trigger)));
                pending.AddRange(wave[i].Where(s => triggers.Contains(s.Trigger)));
            }
        }
        await index.ClearAsync(confirmed);
        await index.PostponeAsync(pending, now);
        logger.LogInformation("Resumed {Count} unconfirmed workflow starts: {HandedOver} handed over again, {Confirmed} found confirmed, {Unreachable} not reachable",
            due.Count, pending.Count - unreachable, confirmed.Count, unreachable);
        return due.Count;
    }

    /// <summary>The starts the order still holds after resuming them, or null when it could not be reached.</summary>
    private async Task<IReadOnlyList<FlowTrigger>?> HeldStartsAsync(Guid orderId)
    {
        try
        {
            return await GrainFactory.GetGrain<IOrderGrain>(orderId).ResumeWorkflowStarts();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Resuming the workflow starts of order {OrderId} failed; a later sweep tries again", orderId);
            return null;
        }
    }
}
