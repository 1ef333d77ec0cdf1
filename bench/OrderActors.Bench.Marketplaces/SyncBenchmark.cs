using System.Diagnostics;
using OrderActors.Marketplaces;

namespace OrderActors.Bench.Marketplaces;

/// <summary>Connects accounts (credentials checked against the simulator) and times their backfill until every order is upserted.</summary>
public static class SyncBenchmark
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static async Task<(IReadOnlyList<Guid> AccountIds, TimeSpan Elapsed)> ConnectAndBackfillAsync(IGrainFactory grains, IReadOnlyList<BenchShop> shops)
    {
        var ids = shops.Select(_ => Guid.NewGuid()).ToList();
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(shops.Select((shop, i) => grains.GetGrain<IPlatformAccountGrain>(ids[i]).Connect(new ConnectAccountCommand
        {
            Platform = shop.Platform,
            Name = $"bench {shop.Platform} {shop.Shop.ShopId}",
            Credentials = shop.Credentials,
            SyncIntervalSeconds = 3600,
            BackfillDays = 1,
        })));
        if (results.FirstOrDefault(r => !r.Succeeded) is { } refused)
        {
            throw new InvalidOperationException($"Connecting failed: {refused.Error}");
        }
        while (true)
        {
            var infos = await Task.WhenAll(ids.Select(id => grains.GetGrain<IPlatformAccountGrain>(id).GetInfo()));
            if (infos.Select((info, i) => info is { LastSyncAt: not null, SyncStatus: AccountSyncStatus.Idle } && info.Counters.OrdersUpserted >= shops[i].OrderIds.Count).All(done => done))
            {
                return (ids, clock.Elapsed);
            }
            if (clock.Elapsed > Limit)
            {
                var behind = infos.Select((info, i) => $"{shops[i].Platform}: {info?.Counters.OrdersUpserted}/{shops[i].OrderIds.Count} {info?.SyncStatus} {info?.LastError}");
                throw new TimeoutException($"Backfill not done in {Limit.TotalMinutes} min: {string.Join("; ", behind)}");
            }
            await Task.Delay(50);
        }
    }
}
