using Microsoft.Extensions.Logging;
using OrderActors.Events;
using OrderActors.Grains.Orders.Lifecycle;
using OrderActors.Marketplaces;
using OrderActors.Orders;

namespace OrderActors.Grains.Orders;

/// <summary>
/// Shipping, and pushing local changes back to the marketplace. A change that must reach the platform (shipped,
/// cancelled, packed) is recorded in the order's state in the same write as the change itself, then handed to the
/// account grain until it confirms it queued it (<see cref="WriteBackAccepted"/>), across crashes and reactivations.
/// The account pushes it, retries it and reports the outcome through <see cref="SetSyncStatus"/>.
/// </summary>
public sealed partial class OrderGrain
{
    public Task<OrderCommandResult> Ship(CommandContext context, ShipmentInfo shipment, string? reason) =>
        ExecuteAsync(context, (order, now) =>
        {
            if (order.Status == OrderStatus.Shipped)
            {
                return order.Shipment == shipment
                    ? Decision.NoChange
                    : Decision.Refuse(new OrderRuleViolation(OrderRuleViolation.AlreadyShipped,
                        order.Shipment?.TrackingNumber is { } tracking ? $"The order was already shipped with tracking number {tracking}." : "The order was already shipped.",
                        OrderHistoryEntry.StatusKind, order.Status.ToString(), OrderStatus.Shipped.ToString()));
            }
            // Ship may take the order through ReadyToShip (an order still Pending is shipped as a whole), never past a final state.
            if (!OrderStatusTransitions.IsReachable(order.Status, OrderStatus.Shipped))
            {
                return Decision.Refuse(OrderRuleViolation.Transition(OrderHistoryEntry.StatusKind, order.Status.ToString(), OrderStatus.Shipped.ToString()));
            }
            var shipped = order with
            {
                Status = OrderStatus.Shipped,
                Shipment = shipment,
                History = [.. order.History, StatusEntry(OrderHistoryEntry.StatusKind, order.Status.ToString(), OrderStatus.Shipped.ToString(), context.Actor, reason ?? "shipped", now, context.OperationId)],
            };
            return Decision.Change(WithChange(shipped, context, ["status", "shipment"], now),
                [new OrderStatusChanged { From = order.Status, To = OrderStatus.Shipped, Actor = context.Actor, Reason = reason ?? "shipped" }]);
        });

    public async Task WriteBackAccepted(string writeBackOperationId)
    {
        if (state.State.WriteBacks.RemoveAll(w => w.Request.OperationId == writeBackOperationId) > 0)
        {
            await state.WriteStateAsync();
            ClearHandOverMarkWhenSettled();
        }
    }

    /// <summary>
    /// The write-back a command's change calls for: only marketplace orders of a connected account, only changes made
    /// here (a change the platform sync reported is already true on the platform), only shipped, cancelled and packed.
    /// </summary>
    private PendingWriteBack? WriteBackFor(OrderDetails before, OrderDetails after, CommandContext context)
    {
        if (context.Actor.Kind == ActorKind.PlatformSync
            || after.Platform is not (SourcePlatform.Shopee or SourcePlatform.Lazada or SourcePlatform.Shopify or SourcePlatform.TikTokShop)
            || !Guid.TryParse(after.AccountId, out var accountId))
        {
            return null;
        }
        WriteBackAction? action = after.Status != before.Status && after.Status == OrderStatus.Shipped ? WriteBackAction.Shipped
            : after.Status != before.Status && after.Status == OrderStatus.Cancelled ? WriteBackAction.Cancelled
            : after.WorkflowStatus != before.WorkflowStatus && after.WorkflowStatus == WorkflowStatus.Packed ? WriteBackAction.Packed
            : null;
        if (action is not { } chosen)
        {
            return null;
        }
        var reason = after.History.Count > before.History.Count ? after.History[^1].Reason : null;
        return new PendingWriteBack(accountId, new WriteBackRequest
        {
            OperationId = $"{after.Id:N}:{chosen}:{context.OperationId}",
            OrderId = after.Id,
            PlatformOrderId = after.PlatformOrderId,
            Action = chosen,
            TrackingNumber = chosen == WriteBackAction.Shipped ? after.Shipment?.TrackingNumber : null,
            Carrier = chosen == WriteBackAction.Shipped ? after.Shipment?.Carrier : null,
            Reason = reason,
        });
    }

    /// <summary>
    /// The account reports a write-back's outcome with operation id <c>{write-back id}:{outcome}</c>. Once a newer
    /// write-back was recorded, a late report about an older one (say, packed Synced after shipped went Pending) must
    /// not decide syncStatus.
    /// </summary>
    private bool IsStaleWriteBackReport(CommandContext context) =>
        context.Actor.Kind == ActorKind.PlatformSync
        && state.State.LatestWriteBack is { } latest
        && !context.OperationId.StartsWith(latest + ":", StringComparison.Ordinal);

    /// <summary>Hands every unconfirmed write-back to its account (a one-way call); true when none is waiting for confirmation.</summary>
    private Task<bool> TryHandOverWriteBacksAsync()
    {
        foreach (var pending in state.State.WriteBacks)
        {
            try
            {
                GrainFactory.GetGrain<IPlatformAccountGrain>(pending.AccountId).RequestWriteBack(pending.Request).Ignore();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Handing write-back {OperationId} of order {OrderId} to account {AccountId} failed; retrying",
                    pending.Request.OperationId, pending.Request.OrderId, pending.AccountId);
            }
        }
        return Task.FromResult(state.State.WriteBacks.Count == 0);
    }
}
