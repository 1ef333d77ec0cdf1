using OrderActors.Orders;

namespace OrderActors.Marketplaces.Sync;

/// <summary>
/// Reads every order changed in [from, to) in windows no wider than the platform allows, page by page. The
/// watermark callback runs only after every order of a window was upserted, so a crash or failure mid-window
/// repeats that window instead of skipping what was not yet stored.
/// </summary>
public static class IncrementalSync
{
    public static async Task<int> RunAsync(
        MarketplaceSession session,
        DateTimeOffset from,
        DateTimeOffset to,
        Func<OrderSnapshot, Task> upsert,
        Func<DateTimeOffset, Task> advanceWatermark,
        CancellationToken cancellationToken)
    {
        var count = 0;
        var windowStart = from;
        while (windowStart < to)
        {
            var windowEnd = Min(windowStart + session.Connector.MaxWindow, to);
            string? cursor = null;
            do
            {
                var start = windowStart;
                var current = cursor;
                var page = await session.RunAsync((c, account, ct) => c.ListChangedOrdersAsync(account, start, windowEnd, current, ct), cancellationToken);
                foreach (var order in page.Orders)
                {
                    await upsert(order);
                    count++;
                }
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            await advanceWatermark(windowEnd);
            windowStart = windowEnd;
        }
        return count;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
