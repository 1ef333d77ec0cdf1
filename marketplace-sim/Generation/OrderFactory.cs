using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Generation;

/// <summary>Creates orders with realistic Southeast Asian buyers, addresses, currencies and 1–4 SKUs (several units each).</summary>
public sealed class OrderFactory(SimState state, SimulatorSettings settings)
{
    private readonly Random _random = new(settings.RandomSeed);
    private readonly Lock _lock = new();
    private long _itemSequence = 7_000_000_000;

    public SimOrder Create(SimShop shop, SimStage stage = SimStage.ToShip, DateTimeOffset? createdAt = null)
    {
        SimOrder order;
        lock (_lock)
        {
            var market = SoutheastAsianData.Markets.FirstOrDefault(m => m.Currency == shop.Currency) ?? SoutheastAsianData.Markets[0];
            var place = market.Places[_random.Next(market.Places.Length)];
            var first = market.FirstNames[_random.Next(market.FirstNames.Length)];
            var last = market.LastNames[_random.Next(market.LastNames.Length)];
            var buyer = new SimBuyer(first, last, $"{first.Replace(" ", "").ToLowerInvariant()}.{last.Replace(" ", "").ToLowerInvariant()}{_random.Next(10, 99)}@example.com",
                market.Phone(_random), market.Streets[_random.Next(market.Streets.Length)], place.District, place.City, place.State, place.Postal, market.Country);
            var id = state.NextOrderId(shop.Platform);
            var items = new List<SimItem>();
            var skus = SoutheastAsianData.Products.OrderBy(_ => _random.Next()).Take(_random.Next(1, 5)).ToList();
            foreach (var product in skus)
            {
                var units = _random.Next(1, 4);
                var price = Currency.Round(product.BasePrice * market.PriceUnit, market.Currency);
                for (var u = 0; u < units; u++)
                {
                    items.Add(new SimItem { Id = (++_itemSequence).ToString(System.Globalization.CultureInfo.InvariantCulture), Sku = product.Sku, Name = product.Name, Variant = product.Variant, Price = price, Stage = stage });
                }
            }
            var created = SimState.Truncate(createdAt ?? state.Time.GetUtcNow());
            order = new SimOrder
            {
                Platform = shop.Platform,
                ShopId = shop.ShopId,
                Id = id,
                Currency = market.Currency,
                Buyer = buyer,
                Items = items,
                ShippingFee = market.ShippingFee,
                Discount = _random.Next(4) == 0 ? Currency.Round(market.ShippingFee / 2, market.Currency) : 0m,
                CreatedAt = created,
                UpdatedAt = created,
                Stage = stage,
            };
        }
        state.AddOrder(order);
        return order;
    }

    /// <summary>Moves an order one step along the happy path (sometimes cancelling an unshipped one).</summary>
    public void Advance(SimOrder order, SimStage? to = null)
    {
        state.Change(order, o =>
        {
            var next = to ?? (o.Stage < SimStage.Shipped && _random.Next(12) == 0 ? SimStage.Cancelled
                : o.Stage switch
                {
                    SimStage.Unpaid => SimStage.ToShip,
                    SimStage.ToShip or SimStage.Packed or SimStage.ReadyToShip => SimStage.Shipped,
                    SimStage.Shipped => SimStage.Delivered,
                    SimStage.Delivered => SimStage.Completed,
                    var same => same,
                });
            o.Stage = next;
            foreach (var item in o.Items.Where(i => i.Stage != SimStage.Cancelled))
            {
                item.Stage = next;
            }
            return 0;
        });
    }
}
