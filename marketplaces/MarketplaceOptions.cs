using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>
/// The <c>Marketplaces</c> configuration section: base URLs (live, sandbox or the simulator) and resilience limits.
/// Shopify's URL contains <c>{shop}</c>, replaced by the shop name.
/// </summary>
public sealed class MarketplaceOptions
{
    public const string Section = "Marketplaces";

    public string ShopeeBaseUrl { get; set; } = "https://partner.shopeemobile.com";
    public string LazadaApiUrl { get; set; } = "https://api.lazada.sg/rest";
    public string LazadaAuthUrl { get; set; } = "https://auth.lazada.com/rest";
    public string LazadaAuthorizePageUrl { get; set; } = "https://auth.lazada.com/oauth/authorize";
    public string ShopifyShopUrl { get; set; } = "https://{shop}.myshopify.com";
    public string ShopifyApiVersion { get; set; } = "2025-01";
    public string TikTokShopApiUrl { get; set; } = "https://open-api.tiktokglobalshop.com";
    public string TikTokShopAuthUrl { get; set; } = "https://auth.tiktok-shops.com";
    public string TikTokShopAuthorizePageUrl { get; set; } = "https://services.tiktokshop.com/open/authorize";

    /// <summary>Public base URL of this installation, used to rebuild the callback URL Shopee signs pushes with.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Update-time overlap re-read on every incremental sync, because platform update times are not commit-ordered.</summary>
    public TimeSpan SyncOverlap { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(90);
    public int MaxRetries { get; set; } = 8;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First wait before a failed write-back is tried again; doubles per attempt up to <see cref="WriteBackRetryMax"/>.</summary>
    public TimeSpan WriteBackRetryBase { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan WriteBackRetryMax { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many orders of one account's webhook batch are applied at once (one order's deliveries stay in sequence).</summary>
    public int WebhookApplyParallelism { get; set; } = 32;

    /// <summary>Whether this api-host applies stored webhooks; false makes it a receiver only (another host applies them).</summary>
    public bool ApplyWebhooks { get; set; } = true;

    /// <summary>How long one batch call may keep starting deliveries (well inside the grain call timeout); the rest are retried.</summary>
    public TimeSpan WebhookApplyBudget { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long applied webhook deliveries stay in the inbox before the housekeeping job removes them: a platform's
    /// redelivery within this time is recognised by its event id and not stored again (Shopify retries for 48 hours).
    /// </summary>
    public TimeSpan WebhookInboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many stored deliveries one inbox lease takes.</summary>
    public int WebhookLeaseBatchSize { get; set; } = 256;

    /// <summary>
    /// How long a receiving api-host reuses an account's webhook verification key (app secret) before asking the account
    /// again: a replaced or revoked secret still verifies deliveries at the door for at most this long, and such
    /// deliveries are then refused when applied, because the account checks every delivery again with its current key.
    /// </summary>
    public TimeSpan WebhookKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait after a throttling answer that names no time (Lazada: "this ban will last 1 seconds").</summary>
    public TimeSpan ThrottleWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests per second per account. TikTok publishes 50 QPS per API and shop; Shopee and Lazada publish none
    /// we could confirm; Shopify Standard REST is 2/s and GraphQL 100 points/s (our queries cost well under 50).</summary>
    public Dictionary<SourcePlatform, int> RequestsPerSecond { get; set; } = new()
    {
        [SourcePlatform.Shopee] = 10,
        [SourcePlatform.Lazada] = 10,
        [SourcePlatform.Shopify] = 4,
        [SourcePlatform.TikTokShop] = 50,
    };
}
