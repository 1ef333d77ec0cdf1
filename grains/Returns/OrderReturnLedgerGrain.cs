using OrderActors.Orders;
using OrderActors.Returns;

namespace OrderActors.Grains.Returns;

public sealed class OrderReturnLedgerGrain(
    [PersistentState("order-return-ledger")] IPersistentState<OrderReturnLedgerState> state) : Grain, IOrderReturnLedgerGrain
{
    /// <summary>Statuses in which the goods have reached the customer and can come back.</summary>
    public static readonly IReadOnlySet<OrderStatus> Returnable = new HashSet<OrderStatus>
    {
        OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Completed, OrderStatus.Returned, OrderStatus.Refunded,
    };

    public async Task<ReturnCommandResult?> Reserve(Guid returnId, IReadOnlyList<ReturnItem> items)
    {
        if (state.State.Held.ContainsKey(returnId))
        {
            return null;
        }
        var returnable = await ReturnableAsync();
        if (returnable is null)
        {
            return ReturnCommandResult.Invalid("orderId", "The order was not delivered (or does not exist), so nothing can be returned yet.");
        }
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var left = returnable.GetValueOrDefault(item.Sku);
            if (item.Quantity > left)
            {
                return ReturnCommandResult.Invalid($"items[{i}].quantity",
                    $"Only {left} of {item.Sku} can still be returned (delivered minus earlier returns); {item.Quantity} requested.");
            }
            returnable[item.Sku] = left - item.Quantity;
        }
        state.State.Held[returnId] = items.GroupBy(i => i.Sku, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity), StringComparer.Ordinal);
        await state.WriteStateAsync();
        return null;
    }

    public async Task Release(Guid returnId)
    {
        if (state.State.Held.Remove(returnId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<IReadOnlyDictionary<string, int>> GetReturnable() =>
        await ReturnableAsync() ?? new Dictionary<string, int>();

    private async Task<Dictionary<string, int>?> ReturnableAsync()
    {
        var order = await GrainFactory.GetGrain<IOrderGrain>(this.GetPrimaryKey()).GetDetails();
        if (order is null || !Returnable.Contains(order.Status))
        {
            return null;
        }
        var left = order.Items.GroupBy(i => i.Sku, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity), StringComparer.Ordinal);
        foreach (var held in state.State.Held.Values)
        {
            foreach (var (sku, quantity) in held)
            {
                left[sku] = left.GetValueOrDefault(sku) - quantity;
            }
        }
        return left;
    }
}
