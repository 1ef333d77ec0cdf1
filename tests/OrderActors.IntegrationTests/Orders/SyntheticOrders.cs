using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>
/// Deterministic, realistic-looking orders for read-model tests and the benchmark: five platforms with three
/// accounts each, weighted statuses, names from a pool (so free text has many hits and misses), 1-3 items out of
/// 2,000 SKUs, three currencies, order dates at whole seconds spread over a time span.
/// </summary>
public static class SyntheticOrders
{
    private static readonly string[] FirstNames =
    [
        "Siti", "Nur", "Ahmad", "Muhammad", "Aisyah", "Wei", "Mei", "Jun", "Hui", "Ravi", "Priya", "Arjun", "Anh", "Linh", "Minh",
        "Somchai", "Malee", "Niran", "Juan", "Maria", "Jose", "Ana", "Budi", "Dewi", "Agus", "Rina", "Tan", "Lim", "Wong", "Lee",
        "Farah", "Hafiz", "Zul", "Kumar", "Devi", "Hana", "Yuki", "Kenji", "Sakura", "Daniel",
    ];

    private static readonly string[] LastNames =
    [
        "Rahman", "Abdullah", "Ismail", "Hassan", "Ibrahim", "Tan", "Lim", "Ng", "Chong", "Wong", "Pillai", "Nair", "Singh", "Nguyen",
        "Tran", "Le", "Pham", "Saelim", "Srisuk", "Santos", "Reyes", "Cruz", "Garcia", "Wijaya", "Santoso", "Halim", "Kurniawan",
        "Goh", "Ong", "Teo", "Yusof", "Osman", "Rao", "Iyer", "Sato", "Suzuki", "Tanaka", "Lopez", "Chua", "Koh",
    ];

    private static readonly SourcePlatform[] Platforms = [SourcePlatform.Shopee, SourcePlatform.Lazada, SourcePlatform.Shopify, SourcePlatform.TikTokShop, SourcePlatform.Pos];

    // Weighted like a live shop: most orders are in flight or done.
    private static readonly (OrderStatus Status, int Weight)[] Statuses =
    [
        (OrderStatus.Pending, 5), (OrderStatus.Unpaid, 8), (OrderStatus.ReadyToShip, 20), (OrderStatus.Shipped, 20), (OrderStatus.Delivered, 15),
        (OrderStatus.Completed, 22), (OrderStatus.Cancelled, 6), (OrderStatus.Returned, 2), (OrderStatus.Refunded, 2),
    ];

    private static readonly string[] Currencies = ["MYR", "MYR", "MYR", "MYR", "SGD", "THB"];

    public static IEnumerable<OrderDetails> Generate(int count, int seed, DateTimeOffset start, TimeSpan span)
    {
        var random = new Random(seed);
        var totalWeight = Statuses.Sum(s => s.Weight);
        var seconds = (int)span.TotalSeconds;
        for (var n = 0; n < count; n++)
        {
            var platform = Platforms[random.Next(Platforms.Length)];
            var account = $"{platform.ToString().ToLowerInvariant()}-{random.Next(3) + 1}";
            var platformOrderId = $"{seed}-{n:D8}";
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var items = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            {
                var sku = random.Next(2000);
                return new OrderItem($"SKU-{sku:D4}-{(char)('A' + sku % 5)}", $"Product {sku}", null, random.Next(1, 4), 5m + sku % 200, 0);
            }).ToList();
            var itemsTotal = items.Sum(i => i.LineTotal);
            var roll = random.Next(totalWeight);
            var status = Statuses.First(s => (roll -= s.Weight) < 0).Status;
            var orderDate = start.AddSeconds(random.Next(seconds));
            var workflow = status is OrderStatus.Pending or OrderStatus.Unpaid ? WorkflowStatus.New
                : status is OrderStatus.Cancelled ? WorkflowStatus.Rejected
                : status is OrderStatus.ReadyToShip ? (WorkflowStatus)random.Next(1, 5)
                : WorkflowStatus.Done;
            var actor = Actor.PlatformSync(platform, account);
            yield return new OrderDetails
            {
                Id = OrderId.For(platform, account, platformOrderId),
                Version = 1,
                Platform = platform,
                AccountId = account,
                PlatformOrderId = platformOrderId,
                Customer = new Customer($"{first} {last}", $"{first}.{last}{n % 1000}@example.com".ToLowerInvariant(), $"+601{random.Next(10_000_000, 99_999_999)}"),
                Items = items,
                Totals = new OrderTotals(itemsTotal, 5, 0, 0, itemsTotal + 5),
                Currency = Currencies[random.Next(Currencies.Length)],
                OrderDate = orderDate,
                PlatformCreatedAt = orderDate,
                PlatformUpdatedAt = orderDate.AddMinutes(5),
                Status = status,
                WorkflowStatus = workflow,
                SyncStatus = SyncStatus.Synced,
                History = [new OrderHistoryEntry(OrderHistoryEntry.StatusKind, null, status.ToString(), actor, "created", orderDate, $"gen:{n}")],
                CreatedAt = orderDate,
                UpdatedAt = orderDate.AddMinutes(5),
            };
        }
    }
}
