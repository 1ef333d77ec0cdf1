using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrderActors.Marketplaces;
using OrderActors.MarketplaceSim;
using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Demo;

/// <summary>Starts the in-process simulator and, once the node serves, connects a demo account per platform.</summary>
public sealed class DemoMarketplaceService(
    SimulatorSettings settings,
    IClusterClient orleans,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DemoMarketplaceService> logger) : IHostedService
{
    private static readonly (SourcePlatform Platform, string AppKey, string ShopId, string Currency, string Country)[] Shops =
    [
        (SourcePlatform.Shopee, "2001887", "14701711", "MYR", "MY"),
        (SourcePlatform.Lazada, "123456", "100200300", "VND", "VN"),
        (SourcePlatform.Shopify, "demo-client", "demo-shop", "SGD", "SG"),
        (SourcePlatform.TikTokShop, "29a39d", "7494049642642441621", "THB", "TH"),
    ];

    private WebApplication? _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _simulator = SimulatorHost.Build(settings);
        await _simulator.StartAsync(cancellationToken);
        logger.LogInformation("Demo: marketplace simulator running at http://127.0.0.1:{Port} (control API /_sim)", settings.Port);
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(ConnectDemoAccountsAsync));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_simulator is not null)
        {
            await _simulator.StopAsync(cancellationToken);
            await _simulator.DisposeAsync();
        }
    }

    /// <summary>The demo account of a platform always has the same id, so restarts find it instead of adding another.</summary>
    public static Guid DemoAccountId(SourcePlatform platform) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"demo-account:{platform}"))[..16]);

    private async Task ConnectDemoAccountsAsync()
    {
        var state = _simulator!.Services.GetRequiredService<SimState>();
        var factory = _simulator.Services.GetRequiredService<MarketplaceSim.Generation.OrderFactory>();
        var self = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1");
        foreach (var (platform, appKey, shopId, currency, country) in Shops)
        {
            try
            {
                var secret = $"demo-secret-{platform.ToString().ToLowerInvariant()}";
                state.RegisterApp(new SimApp(platform, appKey, secret, null));
                var id = DemoAccountId(platform);
                var (shop, token) = state.CreateShop(new SimShop
                {
                    Platform = platform, ShopId = shopId, AppKey = appKey, Currency = currency, Country = country, Generate = true,
                    WebhookTarget = self is null ? null : $"{self.TrimEnd('/')}/webhooks/{platform.ToString().ToLowerInvariant()}/{id}",
                });
                for (var i = 0; i < 5; i++)
                {
                    factory.Create(shop, SimStage.ToShip, DateTimeOffset.UtcNow.AddMinutes(-30 + i));
                }
                var result = await orleans.GetGrain<IPlatformAccountGrain>(id).Connect(new ConnectAccountCommand
                {
                    Platform = platform,
                    Name = $"Demo {platform} shop (simulated)",
                    Credentials = new PlatformCredentials
                    {
                        AppKey = appKey, AppSecret = secret, ShopId = shopId, AccessToken = token.AccessToken, RefreshToken = token.RefreshToken,
                        AccessTokenExpiresAt = token.ExpiresAt, ShopCipher = platform == SourcePlatform.TikTokShop ? shop.ShopCipher : null,
                    },
                    SyncIntervalSeconds = 15,
                    BackfillDays = 1,
                    IsDemo = true,
                });
                logger.LogInformation("Demo: {Platform} account {AccountId} {Outcome}", platform, id, result.Succeeded ? "connected" : $"not connected: {result.Error}");
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Demo: connecting the {Platform} account failed", platform);
            }
        }
    }
}
