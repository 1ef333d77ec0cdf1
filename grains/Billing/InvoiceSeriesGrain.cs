using Microsoft.Extensions.Logging;
using OrderActors.Billing;

namespace OrderActors.Grains.Billing;

public sealed class InvoiceSeriesGrain(
    [PersistentState("invoice-series")] IPersistentState<InvoiceSeriesState> state,
    TimeProvider time,
    ILogger<InvoiceSeriesGrain> logger) : Grain, IInvoiceSeriesGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Numbers committed before a crash but not yet handed to their invoice grains are delivered now.
        if (state.State.Undelivered.Count > 0)
        {
            await DeliverUndeliveredAsync();
        }
    }

    public Task<long> GetLastSequence() => Task.FromResult(state.State.LastSequence);

    public async Task<InvoiceDetails> Issue(string requestKey, InvoiceDraft draft)
    {
        var series = this.GetPrimaryKeyString();
        var id = InvoiceIdentity.For(series, requestKey);

        if (state.State.Undelivered.Find(i => i.Id == id) is { } committed)
        {
            await DeliverUndeliveredAsync();
            return committed;
        }
        if (await GrainFactory.GetGrain<IInvoiceGrain>(id).GetDetails() is { } existing)
        {
            return existing;
        }

        var sequence = state.State.LastSequence + 1;
        var invoice = new InvoiceDetails
        {
            Id = id,
            Series = series,
            Sequence = sequence,
            Number = InvoiceIdentity.Number(series, sequence),
            OrderId = draft.OrderId,
            StoreId = draft.StoreId,
            Currency = draft.Currency,
            PricesIncludeTax = draft.PricesIncludeTax,
            CustomerName = draft.CustomerName,
            Lines = draft.Lines,
            Totals = draft.Totals,
            IssuedAt = time.GetUtcNow(),
            IssuedBy = draft.Actor,
            PlatformOrderId = draft.PlatformOrderId,
        };

        state.State.LastSequence = sequence;
        state.State.Undelivered.Add(invoice);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The outcome of the write is unknown: reload from storage on the next call instead of trusting memory.
            DeactivateOnIdle();
            throw;
        }

        await DeliverUndeliveredAsync();
        return invoice;
    }

    private async Task DeliverUndeliveredAsync()
    {
        var delivered = new List<InvoiceDetails>();
        foreach (var invoice in state.State.Undelivered)
        {
            try
            {
                await GrainFactory.GetGrain<IInvoiceGrain>(invoice.Id).Accept(invoice);
                delivered.Add(invoice);
            }
            catch (Exception ex)
            {
                // Stays in the series state and is delivered on the next issue or activation.
                logger.LogWarning(ex, "Delivering invoice {Number} to its grain failed; it stays queued in the series", invoice.Number);
            }
        }
        // Removed from memory only; the next write persists it. A redelivery after a crash is a no-op in the invoice grain.
        state.State.Undelivered.RemoveAll(delivered.Contains);
    }
}
