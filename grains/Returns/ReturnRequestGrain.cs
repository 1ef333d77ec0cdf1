using Microsoft.Extensions.Logging;
using OrderActors.Billing;
using OrderActors.Grains.Billing;
using OrderActors.Orders;
using OrderActors.Returns;
using OrderActors.Stock;

namespace OrderActors.Grains.Returns;

public sealed class ReturnRequestGrain(
    [PersistentState("return-request")] IPersistentState<ReturnRequestState> state,
    IReturnApprovalGateway approvals,
    IReturnProjection projection,
    ReturnsOptions options,
    BillingOptions billing,
    TimeProvider time,
    ILogger<ReturnRequestGrain> logger) : Grain, IReturnRequestGrain
{
    private static readonly Actor ApprovalActor = new(ActorKind.Workflow, "return-approval", "Return approval rules");

    private static readonly Dictionary<ReturnStatus, ReturnStatus[]> Allowed = new()
    {
        [ReturnStatus.Requested] = [ReturnStatus.Approved, ReturnStatus.Rejected, ReturnStatus.Cancelled],
        [ReturnStatus.Approved] = [ReturnStatus.LabelIssued, ReturnStatus.Received, ReturnStatus.Cancelled],
        [ReturnStatus.LabelIssued] = [ReturnStatus.InTransit, ReturnStatus.Received, ReturnStatus.Cancelled],
        [ReturnStatus.InTransit] = [ReturnStatus.Received],
        [ReturnStatus.Received] = [ReturnStatus.Inspected],
        [ReturnStatus.Inspected] = [ReturnStatus.Completed],
    };

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Return is { } existing)
        {
            await TryProjectAsync(existing);
        }
        if (state.State.Return is { Status: ReturnStatus.Requested } && !state.State.ApprovalRequested)
        {
            await RequestApprovalAsync();
        }
        if (state.State.CompletionEffectsPending)
        {
            await TryApplyCompletionEffectsAsync();
        }
    }

    public Task<ReturnDetails?> GetDetails() => Task.FromResult(state.State.Return);

    public Task<IReadOnlyList<ReturnEvent>> GetOutbox() => Task.FromResult<IReadOnlyList<ReturnEvent>>(state.State.Outbox.ToList());

    public async Task AcknowledgeOutbox(string eventId)
    {
        var index = state.State.Outbox.FindIndex(e => e.EventId == eventId);
        if (index >= 0)
        {
            state.State.Outbox.RemoveRange(0, index + 1);
            await state.WriteStateAsync();
        }
    }

    public async Task<ReturnCommandResult> Create(CreateReturnCommand command)
    {
        if (state.State.Return is { } existing)
        {
            return new ReturnCommandResult(ReturnCommandOutcome.Repeated, existing);
        }
        var order = await GrainFactory.GetGrain<IOrderGrain>(command.OrderId).GetDetails();
        if (order is null)
        {
            return ReturnCommandResult.Invalid("orderId", $"No order has id {command.OrderId}.");
        }
        var items = new List<ReturnItem>();
        for (var i = 0; i < command.Items.Count; i++)
        {
            var item = command.Items[i];
            if (!options.EffectiveReasonCodes.Contains(item.ReasonCode, StringComparer.Ordinal))
            {
                return ReturnCommandResult.Invalid($"items[{i}].reasonCode", $"Unknown reason code '{item.ReasonCode}'. Use one of: {string.Join(", ", options.EffectiveReasonCodes)}.");
            }
            var sold = order.Items.Where(o => o.Sku == item.Sku).ToList();
            if (sold.Count == 0)
            {
                return ReturnCommandResult.Invalid($"items[{i}].sku", $"The order has no item with SKU '{item.Sku}'.");
            }
            // What one unit actually cost after its line discount.
            var unit = sold.Sum(o => o.LineTotal) / sold.Sum(o => o.Quantity);
            items.Add(item with { UnitRefund = unit });
        }

        var id = this.GetPrimaryKey();
        var refused = await GrainFactory.GetGrain<IOrderReturnLedgerGrain>(order.Id).Reserve(id, items);
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var sequence = await GrainFactory.GetGrain<IRmaSequenceGrain>(now.Year).Next();
        var details = new ReturnDetails
        {
            Id = id,
            RmaNumber = $"RMA-{now.Year}-{sequence:D6}",
            OrderId = order.Id,
            Channel = command.Channel,
            Source = command.Source,
            Status = ReturnStatus.Requested,
            Items = items,
            Location = command.Location,
            Currency = order.Currency,
            RefundAmount = Currency.Round(items.Sum(i => i.UnitRefund * i.Quantity), order.Currency),
            Notes = command.Notes,
            PlatformReturnId = command.PlatformReturnId,
            CustomerName = order.Customer.Name,
            History = [new ReturnHistoryEntry(null, ReturnStatus.Requested, command.Actor, null, now)],
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.State.Return = details;
        state.State.Outbox.Add(new ReturnRequested
        {
            EventId = $"{id:N}:requested",
            ReturnId = id,
            OrderId = order.Id,
            RmaNumber = details.RmaNumber,
            At = now,
            Channel = details.Channel,
            Source = details.Source,
            ItemCount = items.Sum(i => i.Quantity),
            RefundAmount = details.RefundAmount,
            Currency = details.Currency,
        });
        await SaveAsync();
        await RequestApprovalAsync();
        return new ReturnCommandResult(ReturnCommandOutcome.Applied, state.State.Return);
    }

    public async Task<ReturnCommandResult> Approve(string? note, Actor actor)
    {
        var result = await TransitionAsync(ReturnStatus.Approved, actor, note, r => r with { ApprovalNote = note });
        if (result.Outcome == ReturnCommandOutcome.Applied)
        {
            await approvals.CompleteAsync(this.GetPrimaryKey(), approved: true, actor);
        }
        return result;
    }

    public async Task<ReturnCommandResult> Reject(string reason, Actor actor)
    {
        var result = await TransitionAsync(ReturnStatus.Rejected, actor, reason);
        if (result.Outcome == ReturnCommandOutcome.Applied)
        {
            await GrainFactory.GetGrain<IOrderReturnLedgerGrain>(result.Return!.OrderId).Release(result.Return.Id);
            await approvals.CompleteAsync(this.GetPrimaryKey(), approved: false, actor);
        }
        return result;
    }

    public Task<ReturnCommandResult> IssueLabel(Actor actor)
    {
        if (state.State.Return is { Channel: ReturnChannel.InStore } r)
        {
            return Task.FromResult(ReturnCommandResult.Conflict(r, "In-store returns have no return label."));
        }
        return TransitionAsync(ReturnStatus.LabelIssued, actor, null, ret => ret with { TrackingNumber = TrackingNumberFor(ret.RmaNumber) });
    }

    public Task<ReturnCommandResult> MarkInTransit(Actor actor) => TransitionAsync(ReturnStatus.InTransit, actor, null);

    public Task<ReturnCommandResult> Receive(Actor actor)
    {
        if (state.State.Return is { Channel: ReturnChannel.Mail, Status: ReturnStatus.Approved } r)
        {
            return Task.FromResult(ReturnCommandResult.Conflict(r, "A mail return is received after its label is issued."));
        }
        return TransitionAsync(ReturnStatus.Received, actor, null);
    }

    public Task<ReturnCommandResult> Inspect(IReadOnlyList<ItemInspection> inspections, Actor actor)
    {
        if (state.State.Return is { } r && r.Status == ReturnStatus.Received)
        {
            var expected = r.Items.Select(i => i.Sku).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var given = inspections.Select(i => i.Sku).Order(StringComparer.Ordinal).ToList();
            if (!expected.SequenceEqual(given, StringComparer.Ordinal))
            {
                return Task.FromResult(ReturnCommandResult.Invalid("items", $"Inspect each returned SKU exactly once: {string.Join(", ", expected)}.", r));
            }
        }
        return TransitionAsync(ReturnStatus.Inspected, actor, null, ret => ret with { Inspections = inspections });
    }

    public async Task<ReturnCommandResult> Complete(ReturnResolution resolution, Actor actor)
    {
        var result = await TransitionAsync(ReturnStatus.Completed, actor, resolution.ToString(), r => r with { Resolution = resolution }, effectsPending: true);
        if (result.Outcome == ReturnCommandOutcome.Applied)
        {
            await TryApplyCompletionEffectsAsync();
            return result with { Return = state.State.Return };
        }
        return result;
    }

    public async Task<ReturnCommandResult> Cancel(string reason, Actor actor)
    {
        var result = await TransitionAsync(ReturnStatus.Cancelled, actor, reason);
        if (result.Outcome == ReturnCommandOutcome.Applied)
        {
            await GrainFactory.GetGrain<IOrderReturnLedgerGrain>(result.Return!.OrderId).Release(result.Return.Id);
            await approvals.CompleteAsync(this.GetPrimaryKey(), approved: false, actor);
        }
        return result;
    }

    public async Task<ReturnCommandResult> AddAttachment(ReturnAttachment attachment)
    {
        if (state.State.Return is not { } r)
        {
            return new ReturnCommandResult(ReturnCommandOutcome.NotFound, null, "No such return.");
        }
        if (r.Attachments.Any(a => a.Id == attachment.Id))
        {
            return new ReturnCommandResult(ReturnCommandOutcome.Repeated, r);
        }
        if (r.Attachments.Count >= options.MaxAttachmentsPerReturn)
        {
            return ReturnCommandResult.Invalid("file", $"A return has at most {options.MaxAttachmentsPerReturn} attachments.", r);
        }
        if (attachment.Sku is not null && r.Items.All(i => i.Sku != attachment.Sku))
        {
            return ReturnCommandResult.Invalid("sku", $"The return has no item with SKU '{attachment.Sku}'.", r);
        }
        state.State.Return = r with { Attachments = [.. r.Attachments, attachment], Version = r.Version + 1, UpdatedAt = time.GetUtcNow() };
        await SaveAsync();
        return new ReturnCommandResult(ReturnCommandOutcome.Applied, state.State.Return);
    }

    private async Task<ReturnCommandResult> TransitionAsync(ReturnStatus to, Actor actor, string? reason, Func<ReturnDetails, ReturnDetails>? change = null, bool effectsPending = false)
    {
        if (state.State.Return is not { } current)
        {
            return new ReturnCommandResult(ReturnCommandOutcome.NotFound, null, "No such return.");
        }
        if (current.Status == to)
        {
            return new ReturnCommandResult(ReturnCommandOutcome.Repeated, current);
        }
        if (!Allowed.TryGetValue(current.Status, out var next) || !next.Contains(to))
        {
            return ReturnCommandResult.Conflict(current, $"A return that is {current.Status} cannot become {to}.");
        }
        var now = time.GetUtcNow();
        var updated = (change?.Invoke(current) ?? current) with
        {
            Status = to,
            History = [.. current.History, new ReturnHistoryEntry(current.Status, to, actor, reason, now)],
            Version = current.Version + 1,
            UpdatedAt = now,
        };
        state.State.Return = updated;
        state.State.CompletionEffectsPending |= effectsPending;
        state.State.Outbox.Add(new ReturnStatusChanged
        {
            EventId = $"{current.Id:N}:{updated.Version}",
            ReturnId = current.Id,
            OrderId = current.OrderId,
            RmaNumber = current.RmaNumber,
            At = now,
            From = current.Status,
            To = to,
            Reason = reason,
        });
        await SaveAsync();
        return new ReturnCommandResult(ReturnCommandOutcome.Applied, updated);
    }

    /// <summary>Persists the state, then updates the read model; a failed projection is repaired by the next change.</summary>
    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        await TryProjectAsync(state.State.Return!);
    }

    private async Task TryProjectAsync(ReturnDetails details)
    {
        try
        {
            await projection.ProjectAsync(details);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Projecting return {Rma} failed; the next change or activation re-projects it", details.RmaNumber);
        }
    }

    private async Task RequestApprovalAsync()
    {
        var r = state.State.Return!;
        var decision = await approvals.RequestAsync(new ReturnApprovalRequest(
            r.Id, r.RmaNumber, r.OrderId, r.RefundAmount, r.Currency, r.Items.Select(i => i.ReasonCode).Distinct().ToList(), r.Channel.ToString()));
        state.State.ApprovalRequested = true;
        if (decision.AutoApproved)
        {
            await TransitionAsync(ReturnStatus.Approved, ApprovalActor, decision.Explanation, ret => ret with { ApprovalNote = decision.Explanation });
        }
        else
        {
            await state.WriteStateAsync();
        }
    }

    // Each effect is idempotent by an operation id derived from the return, so repeating after a crash is safe.
    private async Task TryApplyCompletionEffectsAsync()
    {
        var r = state.State.Return!;
        try
        {
            var restocked = new List<string>();
            foreach (var inspection in r.Inspections.Where(i => i.Sellable))
            {
                var quantity = r.Items.Where(i => i.Sku == inspection.Sku).Sum(i => i.Quantity);
                var result = await GrainFactory.GetGrain<IStockItemGrain>(StockKey.For(inspection.Sku, r.Location)).Adjust(new AdjustStockCommand(
                    $"return:{r.Id:N}:{inspection.Sku}", inspection.Sku, r.Location, quantity, 0, StockReasons.Return, r.RmaNumber, ApprovalActor));
                if (result.Error is not null)
                {
                    throw new InvalidOperationException(result.Error);
                }
                restocked.Add(inspection.Sku);
            }

            Guid? invoiceId = null;
            string? creditNote = null;
            if (r.Resolution is ReturnResolution.Refund or ReturnResolution.StoreCredit && r.RefundAmount > 0)
            {
                (invoiceId, creditNote) = await RecordRefundAsync(r);
            }

            state.State.Return = r with { RestockedSkus = restocked, RefundInvoiceId = invoiceId, CreditNoteNumber = creditNote, Version = r.Version + 1 };
            state.State.CompletionEffectsPending = false;
            await SaveAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Completing return {Rma} (restock, refund) failed; retried on the next activation", r.RmaNumber);
        }
    }

    private async Task<(Guid InvoiceId, string CreditNote)> RecordRefundAsync(ReturnDetails r)
    {
        var invoice = await InvoiceForRefundAsync(r.OrderId);
        var result = await GrainFactory.GetGrain<IInvoiceGrain>(invoice.Id).IssueCreditNote(new IssueCreditNoteCommand(
            $"return:{r.Id:N}",
            r.RefundAmount,
            $"Return {r.RmaNumber}",
            r.Id,
            r.Resolution == ReturnResolution.StoreCredit ? RefundMethod.StoreCredit : RefundMethod.OriginalPayment,
            ApprovalActor));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Credit note for {r.RmaNumber} refused: {result.Error}");
        }
        return (invoice.Id, result.Invoice!.CreditNotes.First(c => c.Id == result.ItemId).Number);
    }

    /// <summary>The order's newest invoice that is not voided; an order never invoiced gets its invoice now.</summary>
    private async Task<InvoiceDetails> InvoiceForRefundAsync(Guid orderId)
    {
        var summary = await GrainFactory.GetGrain<IOrderBillingGrain>(orderId).GetSummary();
        foreach (var reference in summary.Invoices.Reverse())
        {
            if (await GrainFactory.GetGrain<IInvoiceGrain>(reference.InvoiceId).GetDetails() is { Status: InvoiceStatus.Issued } issued)
            {
                return issued;
            }
        }
        var order = await GrainFactory.GetGrain<IOrderGrain>(orderId).GetDetails()
            ?? throw new InvalidOperationException($"Order {orderId} disappeared.");
        var series = InvoiceDrafts.DefaultSeries(order.AccountId, time.GetUtcNow().Year);
        return await GrainFactory.GetGrain<IInvoiceSeriesGrain>(series).Issue(
            InvoiceDrafts.OrderKey(orderId), InvoiceDrafts.ForOrder(order, billing.TaxPolicyFor(order.AccountId), ApprovalActor));
    }

    /// <summary>The carrier tracking number printed on the label: the RMA digits with a fixed prefix and suffix.</summary>
    public static string TrackingNumberFor(string rmaNumber) => $"OA{new string(rmaNumber.Where(char.IsAsciiDigit).ToArray())}RT";
}
