using Microsoft.Extensions.Logging;
using OrderActors.Events;
using OrderActors.Orders;

namespace OrderActors.Grains.Orders;

/// <summary>Probable duplicates across platforms: detection after create or contact/item changes, confirm and dismiss.</summary>
public sealed partial class OrderGrain
{
    private async Task DetectDuplicatesAsync(Actor actor)
    {
        var order = state.State.Order!;
        IReadOnlyList<ReadModel.DuplicateMatch> matches;
        try
        {
            matches = await duplicateFinder.FindAsync(order);
        }
        catch (Exception ex)
        {
            // Detection is advisory; the order itself is already safe.
            logger.LogWarning(ex, "Duplicate detection for order {OrderId} failed", order.Id);
            return;
        }
        var known = order.Duplicates.Select(d => d.OtherOrderId).ToHashSet();
        var fresh = matches.Where(m => !known.Contains(m.OtherOrderId)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        var detected = order with
        {
            Duplicates = [.. order.Duplicates, .. fresh.Select(m => new DuplicateCandidate(m.OtherOrderId, m.Score, m.Reasons, DuplicateDecision.Open, now))],
        };
        var events = fresh.Select(m => (OrderEvent)new OrderDuplicateDetected { OtherOrderId = m.OtherOrderId, Score = m.Score, Decision = nameof(DuplicateDecision.Open) }).ToList();
        await CommitAsync($"duplicates:{order.Id:N}:{order.Version}", detected, events, state.State.LastUndoable);

        foreach (var match in fresh)
        {
            // Not awaited: the other order may be detecting us at this moment, and two grains awaiting each other deadlock.
            var context = new CommandContext($"duplicate-of:{order.Id:N}", actor);
            _ = GrainFactory.GetGrain<IOrderGrain>(match.OtherOrderId).NoteDuplicateCandidate(context, order.Id, match.Score, match.Reasons);
        }
    }

    public Task<OrderCommandResult> NoteDuplicateCandidate(CommandContext context, Guid otherOrderId, double score, IReadOnlyList<string> reasons) =>
        ExecuteAsync(context, (order, now) => order.Duplicates.Any(d => d.OtherOrderId == otherOrderId) || otherOrderId == order.Id
            ? Decision.NoChange
            : Decision.Change(
                order with { Duplicates = [.. order.Duplicates, new DuplicateCandidate(otherOrderId, score, reasons, DuplicateDecision.Open, now)] },
                [new OrderDuplicateDetected { OtherOrderId = otherOrderId, Score = score, Decision = nameof(DuplicateDecision.Open) }],
                state.State.LastUndoable));

    public Task<OrderCommandResult> ConfirmDuplicate(CommandContext context, Guid otherOrderId, Guid primaryOrderId) =>
        ExecuteAsync(context, (order, now) =>
        {
            if (primaryOrderId != order.Id && primaryOrderId != otherOrderId)
            {
                return Decision.Refuse(new OrderRuleViolation(OrderRuleViolation.DuplicateConflict,
                    $"The primary must be {order.Id} or {otherOrderId}.", "primaryOrderId", order.Id.ToString(), primaryOrderId.ToString()));
            }
            var wantedLink = primaryOrderId == order.Id ? (Guid?)null : primaryOrderId;
            if (order.PrimaryOrderId is { } linked && linked != wantedLink)
            {
                return Decision.Refuse(new OrderRuleViolation(OrderRuleViolation.DuplicateConflict,
                    $"This order is already confirmed as a duplicate of {linked}.", "primaryOrderId", linked.ToString(), primaryOrderId.ToString()));
            }
            var existing = order.Duplicates.FirstOrDefault(d => d.OtherOrderId == otherOrderId);
            if (existing is { Decision: DuplicateDecision.Confirmed } && existing.PrimaryOrderId == primaryOrderId)
            {
                return Decision.NoChange;
            }
            var decided = (existing ?? new DuplicateCandidate(otherOrderId, 0, ["confirmed by a person"], DuplicateDecision.Open, now)) with
            {
                Decision = DuplicateDecision.Confirmed,
                DecidedBy = context.Actor,
                DecidedAt = now,
                PrimaryOrderId = primaryOrderId,
            };
            var changed = order with
            {
                Duplicates = [.. order.Duplicates.Where(d => d.OtherOrderId != otherOrderId), decided],
                PrimaryOrderId = wantedLink,
            };
            return Decision.Change(WithChange(changed, context, ["duplicates", "primaryOrderId"], now),
                [new OrderDuplicateDetected { OtherOrderId = otherOrderId, Score = decided.Score, Decision = nameof(DuplicateDecision.Confirmed), PrimaryOrderId = primaryOrderId }],
                state.State.LastUndoable);
        });

    public Task<OrderCommandResult> DismissDuplicate(CommandContext context, Guid otherOrderId) =>
        ExecuteAsync(context, (order, now) =>
        {
            var existing = order.Duplicates.FirstOrDefault(d => d.OtherOrderId == otherOrderId);
            if (existing is { Decision: DuplicateDecision.Dismissed })
            {
                return Decision.NoChange;
            }
            if (existing is { Decision: DuplicateDecision.Confirmed })
            {
                return Decision.Refuse(new OrderRuleViolation(OrderRuleViolation.DuplicateConflict,
                    $"{otherOrderId} was already confirmed as the same order.", "duplicate", nameof(DuplicateDecision.Confirmed), nameof(DuplicateDecision.Dismissed)));
            }
            var decided = (existing ?? new DuplicateCandidate(otherOrderId, 0, ["dismissed by a person"], DuplicateDecision.Open, now)) with
            {
                Decision = DuplicateDecision.Dismissed,
                DecidedBy = context.Actor,
                DecidedAt = now,
            };
            var changed = order with { Duplicates = [.. order.Duplicates.Where(d => d.OtherOrderId != otherOrderId), decided] };
            return Decision.Change(WithChange(changed, context, ["duplicates"], now),
                [new OrderDuplicateDetected { OtherOrderId = otherOrderId, Score = decided.Score, Decision = nameof(DuplicateDecision.Dismissed) }],
                state.State.LastUndoable);
        });
}
