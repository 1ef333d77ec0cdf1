using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Orders;
using OrderActors.Grains.Orders.HandOvers;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Starts;

/// <summary>
/// See <see cref="IWorkflowStartSweepGrain"/>. Sweeps every kind of durable hand-over an order records (workflow starts,
/// decisions made outside the workflow, marketplace write-backs), not only starts; the name and the settings stay for
/// the reminder already registered under it. Each tick takes the oldest marks of <see cref="IPendingHandOverIndex"/>
/// older than the grace age and asks their orders to resume (<see cref="IOrderGrain.ResumeHandOvers"/>): that activates
/// an order whose silo died, whose activation hands everything pending over again. An order that holds nothing any
/// more had it all confirmed: its mark goes (up to the version it answered with, so a hand-over recorded since keeps
/// it). An order still holding something is postponed by the grace age (it hands over until its receivers confirm and
/// it clears the mark), so an order whose hand-over keeps failing does not hold up the others. Repeats are harmless:
/// every receiver dedupes (the starter by order and trigger, instances and accounts by operation id).
/// </summary>
public sealed class WorkflowStartSweepGrain(
    [PersistentState("workflow-start-sweep")] IPersistentState<WorkflowStartSweepState> state,
    IPendingHandOverIndex index,
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
        logger.LogInformation("Scheduled the sweep of unconfirmed hand-overs every {Interval}", Options.Interval);
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
        var due = (await index.DueAsync(now - Options.GraceAge, Options.MaxStartsPerSweep)).Distinct().ToList();
        if (due.Count == 0)
        {
            return 0;
        }
        var settled = new List<HandOverMark>();
        var pending = new List<Guid>();
        var unreachable = 0;
        // A few orders at a time, awaited on this activation's scheduler: bounded load on the silos and the database.
        foreach (var wave in due.Chunk(Math.Max(1, Options.Parallelism)))
        {
            var held = await Task.WhenAll(wave.Select(HeldAsync));
            for (var i = 0; i < wave.Length; i++)
            {
                if (held[i] is not { } handOvers)
                {
                    unreachable++;
                    pending.Add(wave[i]);
                }
                else if (handOvers.HoldsNone)
                {
                    settled.Add(new HandOverMark(wave[i], handOvers.Version));
                }
                else
                {
                    pending.Add(wave[i]);
                }
            }
        }
        await index.ClearAsync(settled);
        await index.PostponeAsync(pending, now);
        logger.LogInformation("Resumed {Count} orders with unconfirmed hand-overs: {HandedOver} handed over again, {Confirmed} found confirmed, {Unreachable} not reachable",
            due.Count, pending.Count - unreachable, settled.Count, unreachable);
        return due.Count;
    }

    /// <summary>What the order still holds after resuming its hand-overs, or null when it could not be reached.</summary>
    private async Task<OrderHandOvers?> HeldAsync(Guid orderId)
    {
        try
        {
            return await GrainFactory.GetGrain<IOrderGrain>(orderId).ResumeHandOvers();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Resuming the hand-overs of order {OrderId} failed; a later sweep tries again", orderId);
            return null;
        }
    }
}
