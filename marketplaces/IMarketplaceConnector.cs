using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>
/// One platform's API: OAuth, incremental order listing with its paging and window rules, order detail, write-back
/// and webhooks. Calls throw the <see cref="MarketplaceException"/> subclasses; retries and token refresh are
/// the <see cref="MarketplaceSession"/>'s job, not the connector's.
/// </summary>
public interface IMarketplaceConnector
{
    SourcePlatform Platform { get; }

    /// <summary>The widest update-time window one listing may ask for (Shopee: 15 days).</summary>
    TimeSpan MaxWindow { get; }

    string BuildAuthorizationUrl(PlatformCredentials app, string redirectUri, string state);

    /// <summary>Exchanges an authorization code from the callback query; returns the credentials with tokens.</summary>
    Task<PlatformCredentials> ExchangeCodeAsync(PlatformCredentials app, IReadOnlyDictionary<string, string> callbackQuery, CancellationToken cancellationToken);

    Task<PlatformCredentials> RefreshAsync(PlatformCredentials credentials, CancellationToken cancellationToken);

    /// <summary>Makes a cheap authenticated call; returns the credentials completed with what the platform told (e.g. TikTok's shop cipher).</summary>
    Task<PlatformCredentials> ValidateAsync(PlatformCredentials credentials, CancellationToken cancellationToken);

    /// <summary>Orders whose update time is in [<paramref name="from"/>, <paramref name="to"/>), one page at a time.</summary>
    Task<OrderChangesPage> ListChangedOrdersAsync(MarketplaceAccount account, DateTimeOffset from, DateTimeOffset to, string? cursor, CancellationToken cancellationToken);

    Task<OrderSnapshot?> GetOrderAsync(MarketplaceAccount account, string platformOrderId, CancellationToken cancellationToken);

    Task PushAsync(MarketplaceAccount account, WriteBackRequest request, CancellationToken cancellationToken);

    /// <summary>Checks the signature on the raw bytes in constant time.</summary>
    bool VerifyWebhook(PlatformCredentials credentials, WebhookDelivery delivery);

    /// <summary>Reads a verified delivery (the body is trusted only after <see cref="VerifyWebhook"/>).</summary>
    WebhookNotice ParseWebhook(MarketplaceAccount account, WebhookDelivery delivery);

    /// <summary>
    /// The order itself when a verified delivery carries it whole (Shopify's full-payload topics), so it need not be
    /// fetched again; null where the push only names the order.
    /// </summary>
    OrderSnapshot? OrderFromWebhook(MarketplaceAccount account, WebhookDelivery delivery) => null;
}
