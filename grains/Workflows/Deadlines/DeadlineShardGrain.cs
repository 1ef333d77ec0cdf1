using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Workflows;
using Orleans.Concurrency;

namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary>
/// See <see cref="IDeadlineShardGrain"/>. The deadlines themselves are rows of <see cref="IDeadlineStore"/>, written by
/// the scheduler; the shard keeps only the next due time in memory. Its timer reads the store when that time has come,
/// and at least every half notice window (a deadline due sooner than that is told to the shard by <see cref="DueSoon"/>),
/// so a quiet shard costs one small query every half window. The state holds only the count of fired deadlines.
/// Reentrant: telling instances is awaited, and schedules (<see cref="DueSoon"/>) must not wait behind a firing.
/// </summary>
[Reentrant]
public sealed class DeadlineShardGrain(
    [PersistentState("workflow-deadline-shard")] IPersistentState<DeadlineShardState> state,
    IDeadlineStore store,
    IOptions<DeadlineOptions> options,
    TimeProvider time,
    ILogger<DeadlineShardGrain> logger) : Grain, IDeadlineShardGrain, IRemindable
{
    private const string ReminderName = "deadlines";
    private DateTimeOffset? _nextDueAt;
    private DateTimeOffset? _noticedWhileReading;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private bool _firing;

    private int Shard => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await MoveEntriesOutOfStateAsync();
        this.RegisterGrainTimer(FireDueAsync, new GrainTimerCreationOptions(TimeSpan.Zero, options.Value.TimerResolution) { Interleave = true });
        // Kept for good: it is what brings the shard back after a restart or a silo failure, whoever holds its rows.
        if (await this.GetReminder(ReminderName) is null)
        {
            var period = options.Value.ReminderPeriod;
            await this.RegisterOrUpdateReminder(ReminderName, period, period);
        }
    }

    public Task DueSoon(DateTimeOffset dueAt)
    {
        _nextDueAt = Earliest(_nextDueAt, dueAt);
        _noticedWhileReading = Earliest(_noticedWhileReading, dueAt);
        return Task.CompletedTask;
    }

    public async Task<DeadlineShardStatus> GetStatus() =>
        new(await store.CountAsync(Shard), await store.NextDueAtAsync(Shard), state.State.Fired);

    public Task Wake() => Task.CompletedTask;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private async Task FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lookAnyway = now - _readAt >= options.Value.NoticeWindow / 2;
        if (_firing || (!lookAnyway && (_nextDueAt is not { } next || next > now)))
        {
            return;
        }
        _firing = true;
        try
        {
            _noticedWhileReading = null;
            var readAt = now;
            while (true)
            {
                var due = await store.DueAsync(Shard, now, options.Value.FireBatchSize);
                if (due.Count == 0)
                {
                    break;
                }
                await FireAsync(due);
                now = time.GetUtcNow();
            }
            var stored = await store.NextDueAtAsync(Shard);
            // A deadline noticed while the store was read may have been stored after the read: keep the earlier time.
            _nextDueAt = Earliest(stored, _noticedWhileReading);
            _readAt = readAt;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Deadline shard {Shard} could not read or update its deadlines; trying again", Shard);
        }
        finally
        {
            _firing = false;
        }
    }

    private async Task FireAsync(IReadOnlyList<PendingDeadline> due)
    {
        var told = await Task.WhenAll(due.Select(TellAsync));
        var delivered = due.Where((_, i) => told[i]).ToList();
        var failed = due.Where((_, i) => !told[i]).ToList();
        await store.CompleteAsync(delivered, failed, time.GetUtcNow() + options.Value.RetryDelay);
        if (delivered.Count > 0)
        {
            state.State.Fired += delivered.Count;
            await state.WriteStateAsync();
        }
    }

    private async Task<bool> TellAsync(PendingDeadline deadline)
    {
        try
        {
            await GrainFactory.GetGrain<IWorkflowInstanceGrain>(deadline.Entry.InstanceKey).OnDeadline(deadline.Id);
            DeadlineMetrics.Lateness.Record((time.GetUtcNow() - deadline.Entry.DueAt).TotalMilliseconds);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Deadline {DeadlineId} for {Instance} could not be delivered; retrying", deadline.Id, deadline.Entry.InstanceKey);
            return false;
        }
    }

    /// <summary>Deadlines kept in the shard's state by earlier versions become rows of the store, once.</summary>
    private async Task MoveEntriesOutOfStateAsync()
    {
        if (state.State.Entries.Count == 0)
        {
            return;
        }
        await Task.WhenAll(state.State.Entries.Select(e => store.SetAsync(Shard, e.Key, e.Value)));
        logger.LogInformation("Moved {Count} deadlines of shard {Shard} from its state to the deadline store", state.State.Entries.Count, Shard);
        state.State.Entries.Clear();
        await state.WriteStateAsync();
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
