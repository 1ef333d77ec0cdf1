using OrderActors.Orders;
using OrderActors.Stock;

namespace OrderActors.ApiHost.Apis.Pos;

/// <summary>An in-store sale takes its goods out of the store's stock: one Sale movement per SKU, once per order.</summary>
public static class PosStockMovements
{
    public static string OperationId(Guid orderId, string sku) => $"pos-sale:{orderId:N}:{sku}";

    public static Task RecordSaleAsync(IClusterClient orleans, OrderDetails order, string location, Actor actor) =>
        Task.WhenAll(order.Items.GroupBy(i => i.Sku, StringComparer.Ordinal).Select(async line =>
        {
            var quantity = line.Sum(i => i.Quantity);
            var result = await orleans.GetGrain<IStockItemGrain>(StockKey.For(line.Key, location)).Adjust(new AdjustStockCommand(
                OperationId(order.Id, line.Key), line.Key, location, -quantity, 0, StockReasons.Sale, order.PlatformOrderId, actor, AllowNegativeOnHand: true));
            if (result.Error is not null)
            {
                throw new InvalidOperationException($"Stock of {line.Key} at {location} refused the sale: {result.Error}");
            }
        }));
}
