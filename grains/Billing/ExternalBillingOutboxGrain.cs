using Microsoft.Extensions.Logging;
using OrderActors.Billing;

namespace OrderActors.Grains.Billing;

/// <summary>
/// Retries queued invoices: a grain timer every <see cref="BillingOptions.RetryInterval"/> while active, and one
/// reminder that reactivates the grain after a restart while anything is queued.
/// </summary>
public sealed class ExternalBillingOutboxGrain(
    [PersistentState("external-billing-outbox")] IPersistentState<ExternalBillingOutboxState> state,
    BillingOptions options,
    ILogger<ExternalBillingOutboxGrain> logger) : Grain, IExternalBillingOutboxGrain, IRemindable
{
    private const string ReminderName = "external-billing-retry";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => FlushOnTimerAsync(), options.RetryInterval, options.RetryInterval);
        return Task.CompletedTask;
    }

    public async Task Enqueue(Guid invoiceId)
    {
        if (state.State.Queued.Contains(invoiceId))
        {
            return;
        }
        state.State.Queued.Add(invoiceId);
        await state.WriteStateAsync();
        if (state.State.Queued.Count == 1)
        {
            await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
    }

    public Task<IReadOnlyList<Guid>> GetQueued() => Task.FromResult<IReadOnlyList<Guid>>(state.State.Queued.ToList());

    public async Task<int> Flush()
    {
        var done = new List<Guid>();
        foreach (var invoiceId in state.State.Queued.ToList())
        {
            var status = await GrainFactory.GetGrain<IInvoiceGrain>(invoiceId).SendToExternalBilling();
            if (status == ExternalBillingStatus.Manual)
            {
                // Still failing: the endpoint is most likely down, so the rest waits for the next round.
                break;
            }
            if (status != ExternalBillingStatus.Pending)
            {
                done.Add(invoiceId);
            }
        }
        if (done.Count > 0)
        {
            state.State.Queued.RemoveAll(done.Contains);
            await state.WriteStateAsync();
        }
        if (state.State.Queued.Count == 0 && await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        return state.State.Queued.Count;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => FlushOnTimerAsync();

    private async Task FlushOnTimerAsync()
    {
        if (state.State.Queued.Count == 0)
        {
            return;
        }
        try
        {
            await Flush();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Retrying queued external billing failed; next round in {Interval}", options.RetryInterval);
        }
    }
}
