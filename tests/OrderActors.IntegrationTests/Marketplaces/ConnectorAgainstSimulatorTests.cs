using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Marketplaces;
using OrderActors.Marketplaces.Resilience;
using OrderActors.Marketplaces.Sync;
using OrderActors.MarketplaceSim;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>The connectors against the simulator over real HTTP, without Orleans: paging, faults, token expiry mid-sync.</summary>
public sealed class ConnectorAgainstSimulatorTests : IAsyncLifetime
{
    private RunningSimulator _simulator = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorHost.StartAsync();
        var settings = new Dictionary<string, string?>(_simulator.ConnectorSettings!)
        {
            ["Marketplaces:MaxRetries"] = "12",
            ["Marketplaces:RetryBaseDelay"] = "00:00:00.020",
            ["Marketplaces:RetryMaxDelay"] = "00:00:00.200",
            ["Marketplaces:ThrottleWait"] = "00:00:00.050",
        };
        _services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddMarketplaceConnectors(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Theory]
    [InlineData(SourcePlatform.Shopee)]
    [InlineData(SourcePlatform.Lazada)]
    [InlineData(SourcePlatform.Shopify)]
    [InlineData(SourcePlatform.TikTokShop)]
    public async Task Full_sync_over_several_pages_survives_throttling_5xx_and_token_expiry(SourcePlatform platform)
    {
        var shop = await SimulatedShop.CreateAsync(_simulator, platform);
        var created = await shop.CreateOrdersAsync(250, spreadSeconds: 3600);
        await shop.SetFaultsAsync(new { throttleBurst = 3, errorRate = 0.1, expireTokensAfterCalls = 2 });

        var connector = _services.GetRequiredService<MarketplaceConnectors>().For(platform);
        var saved = new List<PlatformCredentials>();
        var session = new MarketplaceSession(connector, _services.GetRequiredService<MarketplaceResilience>(),
            new MarketplaceAccount(Guid.NewGuid(), platform, shop.Credentials), c => { saved.Add(c); return Task.CompletedTask; }, TimeProvider.System);
        var seen = new List<OrderSnapshot>();
        var watermarks = new List<DateTimeOffset>();
        var now = DateTimeOffset.UtcNow;

        await IncrementalSync.RunAsync(session, now.AddHours(-2), now.AddSeconds(2), o => { seen.Add(o); return Task.CompletedTask; },
            w => { watermarks.Add(w); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(created.OrderBy(x => x), seen.Select(s => s.PlatformOrderId).Distinct().OrderBy(x => x));
        Assert.NotEmpty(saved); // the token expired mid-sync and was refreshed
        Assert.NotEqual(shop.Credentials.AccessToken, session.Account.Credentials.AccessToken);
        var stats = await shop.StatsAsync();
        Assert.True(stats.GetProperty("throttled").GetInt32() >= 3, stats.ToString());
        Assert.Equal(now.AddSeconds(2), watermarks[^1]);
        Assert.All(seen, s => Assert.Equal(platform, s.Platform));
        Assert.All(seen, s => Assert.NotEmpty(s.Items));
    }
}
