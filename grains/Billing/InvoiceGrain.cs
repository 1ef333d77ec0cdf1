using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrderActors.Billing;
using OrderActors.Events;
using OrderActors.Grains.Events;
using OrderActors.Orders;

namespace OrderActors.Grains.Billing;

public sealed class InvoiceGrain(
    [PersistentState("invoice")] IPersistentState<InvoiceState> state,
    BillingOptions options,
    IExternalBillingClient externalBilling,
    IClerkTaskStore tasks,
    IInvoiceProjection projection,
    TimeProvider time,
    ILogger<InvoiceGrain> logger) : Grain, IInvoiceGrain
{
    private static readonly JsonSerializerOptions FormJson = new(JsonSerializerDefaults.Web);

    private FeedOutboxDrain<BillingEvent>? _feed;

    private FeedOutboxDrain<BillingEvent> Feed =>
        _feed ??= new(this, GrainFactory, () => state.State.Outbox, FeedEvents.FromBillingEvent, () => state.WriteStateAsync(), logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Invoice is { } invoice)
        {
            ScheduleFollowUp();
            await TryProjectAsync(invoice);
        }
    }

    public Task<InvoiceDetails?> GetDetails() => Task.FromResult(state.State.Invoice);

    public Task<IReadOnlyList<BillingEvent>> GetOutbox() => Task.FromResult<IReadOnlyList<BillingEvent>>(state.State.Outbox.ToList());

    public async Task AcknowledgeOutbox(string eventId)
    {
        var index = state.State.Outbox.FindIndex(e => e.EventId == eventId);
        if (index >= 0)
        {
            state.State.Outbox.RemoveRange(0, index + 1);
            await state.WriteStateAsync();
        }
    }

    public async Task Accept(InvoiceDetails issued)
    {
        if (state.State.Invoice is not null)
        {
            return;
        }
        var invoice = issued with
        {
            ExternalBilling = new ExternalBillingState(options.ExternalBillingConfigured ? ExternalBillingStatus.Pending : ExternalBillingStatus.NotConfigured),
        };
        state.State.Invoice = invoice;
        state.State.Outbox.Add(new InvoiceIssued
        {
            EventId = $"{invoice.Id:N}:issued",
            InvoiceId = invoice.Id,
            OrderId = invoice.OrderId,
            At = invoice.IssuedAt,
            Number = invoice.Number,
            Gross = invoice.Totals.Gross,
            Currency = invoice.Currency,
        });
        await state.WriteStateAsync();
        if (options.ExternalBillingConfigured)
        {
            // Durably queued before anything can be lost; the first attempt follows right away.
            await GrainFactory.GetGrain<IExternalBillingOutboxGrain>(0).Enqueue(invoice.Id);
        }
        await TryProjectAsync(invoice);
        ScheduleFollowUp();
    }

    public async Task<InvoiceCommandResult> RecordPayment(RecordPaymentCommand command)
    {
        if (state.State.Invoice is not { } invoice)
        {
            return new InvoiceCommandResult(InvoiceCommandOutcome.NotFound, null, Error: "No such invoice.");
        }
        if (state.State.AppliedOperations.TryGetValue(command.OperationId, out var existingId))
        {
            return new InvoiceCommandResult(InvoiceCommandOutcome.Repeated, invoice, existingId);
        }
        if (invoice.Status == InvoiceStatus.Voided)
        {
            return Rejected(invoice, "The invoice is voided.");
        }
        var amount = Currency.Round(command.Amount, invoice.Currency);
        if (amount <= 0)
        {
            return Rejected(invoice, "amount must be positive.");
        }
        var due = invoice.BalanceDue;
        if (due <= 0)
        {
            return Rejected(invoice, "The invoice is already paid.");
        }

        decimal applied, change = 0m;
        decimal? tendered = null;
        if (command.Method == PaymentMethod.Cash)
        {
            // Cash may exceed the balance: the difference is change handed back.
            tendered = Currency.Round(command.Tendered ?? amount, invoice.Currency);
            if (tendered < amount)
            {
                return Rejected(invoice, "tendered must be at least amount.");
            }
            applied = Math.Min(tendered.Value, due);
            change = tendered.Value - applied;
        }
        else
        {
            if (amount > due)
            {
                return Rejected(invoice, $"amount {amount} exceeds the balance due {due}.");
            }
            applied = amount;
        }

        var now = time.GetUtcNow();
        var payment = new Payment($"PAY-{invoice.Payments.Count + 1}", command.Method, applied, tendered, change, command.Reference, now, command.Actor);
        var updated = invoice with { Payments = [.. invoice.Payments, payment], Version = invoice.Version + 1 };
        state.State.Invoice = updated;
        state.State.AppliedOperations[command.OperationId] = payment.Id;
        state.State.Outbox.Add(new PaymentRecorded
        {
            EventId = $"{invoice.Id:N}:{payment.Id}",
            InvoiceId = invoice.Id,
            OrderId = invoice.OrderId,
            At = now,
            PaymentId = payment.Id,
            Method = payment.Method,
            Amount = applied,
            BalanceDue = updated.BalanceDue,
            Currency = invoice.Currency,
        });
        await state.WriteStateAsync();
        await Feed.DrainAsync();
        await TryProjectAsync(updated);
        return new InvoiceCommandResult(InvoiceCommandOutcome.Applied, updated, payment.Id);
    }

    public async Task<InvoiceCommandResult> IssueCreditNote(IssueCreditNoteCommand command)
    {
        if (state.State.Invoice is not { } invoice)
        {
            return new InvoiceCommandResult(InvoiceCommandOutcome.NotFound, null, Error: "No such invoice.");
        }
        if (state.State.AppliedOperations.TryGetValue(command.OperationId, out var existingId))
        {
            return new InvoiceCommandResult(InvoiceCommandOutcome.Repeated, invoice, existingId);
        }
        if (invoice.Status == InvoiceStatus.Voided)
        {
            return Rejected(invoice, "The invoice is voided.");
        }
        var amount = Currency.Round(command.Amount, invoice.Currency);
        var creditable = invoice.Totals.Gross - invoice.Credited;
        if (amount <= 0 || amount > creditable)
        {
            return Rejected(invoice, $"amount must be positive and at most {creditable}, the part of the invoice not yet credited.");
        }
        // What was paid and not yet refunded goes back to the customer, up to the credit.
        var refunded = Math.Min(amount, Math.Max(0m, invoice.Paid - invoice.Refunded));
        var n = invoice.CreditNotes.Count + 1;
        var note = new CreditNote($"CN-{n}", $"{invoice.Number}-CN{n}", amount, command.Reason, command.ReturnId, command.RefundMethod, refunded, time.GetUtcNow(), command.Actor);
        var updated = invoice with { CreditNotes = [.. invoice.CreditNotes, note], Version = invoice.Version + 1 };
        state.State.Invoice = updated;
        state.State.AppliedOperations[command.OperationId] = note.Id;
        await state.WriteStateAsync();
        await TryProjectAsync(updated);
        return new InvoiceCommandResult(InvoiceCommandOutcome.Applied, updated, note.Id);
    }

    public async Task<InvoiceCommandResult> Void(string reason, Actor actor)
    {
        if (state.State.Invoice is not { } invoice)
        {
            return new InvoiceCommandResult(InvoiceCommandOutcome.NotFound, null, Error: "No such invoice.");
        }
        if (invoice.Status == InvoiceStatus.Voided)
        {
            return new InvoiceCommandResult(InvoiceCommandOutcome.Repeated, invoice);
        }
        if (invoice.Paid - invoice.Refunded > 0)
        {
            return Rejected(invoice, "A paid invoice cannot be voided; issue a credit note instead.");
        }
        var updated = invoice with { Status = InvoiceStatus.Voided, VoidReason = reason, Version = invoice.Version + 1 };
        state.State.Invoice = updated;
        await state.WriteStateAsync();
        await TryProjectAsync(updated);
        return new InvoiceCommandResult(InvoiceCommandOutcome.Applied, updated);
    }

    public async Task<ExternalBillingStatus> SendToExternalBilling()
    {
        if (state.State.Invoice is not { } invoice)
        {
            return ExternalBillingStatus.NotConfigured;
        }
        var current = invoice.ExternalBilling;
        if (current.Status is ExternalBillingStatus.Sent or ExternalBillingStatus.ManuallyBilled or ExternalBillingStatus.NotConfigured)
        {
            return current.Status;
        }

        using var timeout = new CancellationTokenSource(options.ExternalTimeout);
        ExternalBillingResult result;
        try
        {
            result = await externalBilling.SendAsync(invoice, timeout.Token);
        }
        catch (Exception ex)
        {
            result = ExternalBillingResult.Failed(ex is OperationCanceledException ? "timed out" : ex.Message);
        }

        var now = time.GetUtcNow();
        if (result.Accepted)
        {
            await SetExternalBillingAsync(current with { Status = ExternalBillingStatus.Sent, Attempts = current.Attempts + 1, LastError = null, ExternalReference = result.ExternalReference, SentAt = now });
            if (current.Status == ExternalBillingStatus.Manual)
            {
                await tasks.CloseAsync(ClerkTask.ManualBilling, invoice.Id.ToString(), "Sent automatically after the endpoint recovered", now);
            }
            await GrainFactory.GetGrain<IOrderBillingGrain>(invoice.OrderId).SetManualBilling(invoice.Id, false);
            return ExternalBillingStatus.Sent;
        }

        logger.LogWarning("External billing of invoice {Number} failed: {Error}; falling back to manual billing", invoice.Number, result.Error);
        await SetExternalBillingAsync(current with { Status = ExternalBillingStatus.Manual, Attempts = current.Attempts + 1, LastError = result.Error });
        if (current.Status != ExternalBillingStatus.Manual)
        {
            await tasks.OpenAsync(new ClerkTask(
                ClerkTask.ManualBilling,
                invoice.Id.ToString(),
                $"Bill invoice {invoice.Number} by hand (external billing failed: {result.Error})",
                JsonSerializer.Serialize(ManualBillingForm.From(invoice), FormJson),
                ClerkTask.Open,
                now));
            await GrainFactory.GetGrain<IOrderBillingGrain>(invoice.OrderId).SetManualBilling(invoice.Id, true);
        }
        return ExternalBillingStatus.Manual;
    }

    public async Task<InvoiceCommandResult> CompleteManualBilling(string externalReference, Actor actor)
    {
        if (state.State.Invoice is not { } invoice)
        {
            return new InvoiceCommandResult(InvoiceCommandOutcome.NotFound, null, Error: "No such invoice.");
        }
        if (invoice.ExternalBilling.Status == ExternalBillingStatus.ManuallyBilled)
        {
            return new InvoiceCommandResult(InvoiceCommandOutcome.Repeated, invoice);
        }
        if (invoice.ExternalBilling.Status != ExternalBillingStatus.Manual)
        {
            return Rejected(invoice, $"The invoice is not waiting for manual billing (external billing is {invoice.ExternalBilling.Status}).");
        }
        var now = time.GetUtcNow();
        await SetExternalBillingAsync(invoice.ExternalBilling with { Status = ExternalBillingStatus.ManuallyBilled, ExternalReference = externalReference, SentAt = now });
        await tasks.CloseAsync(ClerkTask.ManualBilling, invoice.Id.ToString(), $"Billed by hand by {actor}: {externalReference}", now);
        await GrainFactory.GetGrain<IOrderBillingGrain>(invoice.OrderId).SetManualBilling(invoice.Id, false);
        return new InvoiceCommandResult(InvoiceCommandOutcome.Applied, state.State.Invoice);
    }

    private async Task SetExternalBillingAsync(ExternalBillingState external)
    {
        var invoice = state.State.Invoice!;
        state.State.Invoice = invoice with { ExternalBilling = external, Version = invoice.Version + 1 };
        await state.WriteStateAsync();
        await TryProjectAsync(state.State.Invoice);
    }

    private static InvoiceCommandResult Rejected(InvoiceDetails invoice, string error) =>
        new(InvoiceCommandOutcome.Rejected, invoice, Error: error);

    // Linking to the order and the first external billing attempt run after the call that accepted the invoice,
    // so the series grain never waits on the external endpoint.
    private void ScheduleFollowUp()
    {
        IGrainTimer? timer = null;
        timer = this.RegisterGrainTimer(async _ =>
        {
            timer?.Dispose();
            await FollowUpAsync();
        }, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private async Task FollowUpAsync()
    {
        if (state.State.Invoice is not { } invoice)
        {
            return;
        }
        // InvoiceIssued goes to the feed here, after the call that accepted the invoice (it is durable in the outbox).
        await Feed.DrainAsync();
        try
        {
            if (!state.State.LinkedToOrder)
            {
                await GrainFactory.GetGrain<IOrderBillingGrain>(invoice.OrderId).AddInvoice(new OrderInvoiceRef(invoice.Id, invoice.Number, invoice.Series));
                state.State.LinkedToOrder = true;
                await state.WriteStateAsync();
            }
            if (invoice.ExternalBilling.Status == ExternalBillingStatus.Pending)
            {
                await SendToExternalBilling();
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Follow-up of invoice {Number} failed; it is retried on the next activation or by the outbox", invoice.Number);
        }
    }

    private async Task TryProjectAsync(InvoiceDetails invoice)
    {
        try
        {
            await projection.ProjectAsync(invoice);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Projecting invoice {Number} failed; the next change or activation re-projects it", invoice.Number);
        }
    }
}
