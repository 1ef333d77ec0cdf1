using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Workflows;
using Orleans.Concurrency;

namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary>
/// See <see cref="IDeadlineShardGrain"/>. Reentrant: an instance told about a deadline may schedule its next one
/// on the same shard while the shard waits for it. State writes are serialized and coalesced (one write carries
/// every change made while the previous write was in flight).
/// </summary>
[Reentrant]
public sealed class DeadlineShardGrain(
    [PersistentState("workflow-deadline-shard")] IPersistentState<DeadlineShardState> state,
    IOptions<DeadlineOptions> options,
    TimeProvider time,
    ILogger<DeadlineShardGrain> logger) : Grain, IDeadlineShardGrain, IRemindable
{
    private const string ReminderName = "deadlines";
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private DeadlineBook _book = null!;
    private long _changes;
    private long _persisted;
    private bool _firing;
    private bool _reminderSet;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new DeadlineBook(state.State.Entries);
        this.RegisterGrainTimer(FireDueAsync, new GrainTimerCreationOptions(TimeSpan.Zero, options.Value.TimerResolution) { Interleave = true });
        if (_book.Count > 0)
        {
            await EnsureReminderAsync();
        }
    }

    public async Task Schedule(string deadlineId, string instanceKey, DateTimeOffset dueAt)
    {
        _book.Set(deadlineId, new DeadlineEntry(instanceKey, dueAt));
        await PersistAsync();
        await EnsureReminderAsync();
    }

    public async Task Cancel(string deadlineId)
    {
        if (_book.Remove(deadlineId))
        {
            await PersistAsync();
        }
    }

    public Task<DeadlineShardStatus> GetStatus() => Task.FromResult(new DeadlineShardStatus(_book.Count, _book.NextDueAt, state.State.Fired));

    public Task Wake() => Task.CompletedTask;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The reminder's job is done by activating the grain (which arms the timer); it is dropped once nothing is pending.
        if (_book.Count == 0 && !_firing)
        {
            var reminder = await this.GetReminder(ReminderName);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }
            _reminderSet = false;
        }
    }

    private async Task FireDueAsync(CancellationToken cancellationToken)
    {
        if (_firing)
        {
            return;
        }
        _firing = true;
        try
        {
            while (true)
            {
                var due = _book.Due(time.GetUtcNow(), options.Value.FireBatchSize);
                if (due.Count == 0)
                {
                    return;
                }
                var fired = await Task.WhenAll(due.Select(TellAsync));
                foreach (var (id, entry, ok) in fired)
                {
                    if (ok)
                    {
                        if (_book.RemoveIfUnchanged(id, entry))
                        {
                            state.State.Fired++;
                        }
                    }
                    else if (_book.RemoveIfUnchanged(id, entry))
                    {
                        _book.Set(id, entry with { DueAt = time.GetUtcNow() + options.Value.RetryDelay });
                    }
                }
                await PersistAsync();
            }
        }
        finally
        {
            _firing = false;
        }
    }

    private async Task<(string Id, DeadlineEntry Entry, bool Ok)> TellAsync((string Id, DeadlineEntry Entry) deadline)
    {
        try
        {
            await GrainFactory.GetGrain<IWorkflowInstanceGrain>(deadline.Entry.InstanceKey).OnDeadline(deadline.Id);
            DeadlineMetrics.Lateness.Record((time.GetUtcNow() - deadline.Entry.DueAt).TotalMilliseconds);
            return (deadline.Id, deadline.Entry, true);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Deadline {DeadlineId} for {Instance} could not be delivered; retrying", deadline.Id, deadline.Entry.InstanceKey);
            return (deadline.Id, deadline.Entry, false);
        }
    }

    private async Task EnsureReminderAsync()
    {
        if (_reminderSet)
        {
            return;
        }
        var period = options.Value.ReminderPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
        _reminderSet = true;
    }

    /// <summary>
    /// Stores every change made so far. Writes are serialized; a caller whose change was already covered by a write
    /// that started after it returns without writing again, so a burst of changes shares a few writes.
    /// </summary>
    private async Task PersistAsync()
    {
        var change = ++_changes;
        await _writeLock.WaitAsync();
        try
        {
            if (_persisted >= change)
            {
                return;
            }
            // The state is serialized as the write starts, so it carries every change counted so far.
            var covered = _changes;
            await state.WriteStateAsync();
            _persisted = covered;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
