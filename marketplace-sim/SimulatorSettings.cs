using OrderActors.Orders;

namespace OrderActors.MarketplaceSim;

/// <summary>The <c>Simulator</c> configuration section.</summary>
public sealed class SimulatorSettings
{
    public const string Section = "Simulator";

    /// <summary>Port to listen on; 0 picks a free one.</summary>
    public int Port { get; set; } = 5080;

    /// <summary>Orders created per minute for every shop marked for generation (0 = none).</summary>
    public double OrdersPerMinute { get; set; }

    /// <summary>How often generated orders move one step along their lifecycle.</summary>
    public TimeSpan ProgressEvery { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Webhook retry schedules are divided by this, so tests see hours of retries in seconds.</summary>
    public double WebhookRetryTimeScale { get; set; } = 1;

    public int RandomSeed { get; set; } = 20261126;

    public Dictionary<SourcePlatform, TimeSpan> TokenLifetime { get; set; } = new()
    {
        [SourcePlatform.Shopee] = TimeSpan.FromHours(4),
        [SourcePlatform.Lazada] = TimeSpan.FromDays(7),
        [SourcePlatform.Shopify] = TimeSpan.FromHours(1),
        [SourcePlatform.TikTokShop] = TimeSpan.FromDays(7),
    };

    /// <summary>Lets an in-process host deliver webhooks without a network (e.g. to a TestServer).</summary>
    public Func<HttpMessageHandler>? WebhookHandlerFactory { get; set; }
}
