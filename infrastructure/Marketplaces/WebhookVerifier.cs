using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.Webhooks;

/// <summary>
/// Checks webhook signatures in the receiving api-host, without a grain call per delivery: each account's
/// verification key (platform and app secret) is asked from its account grain and reused for
/// <see cref="MarketplaceOptions.WebhookKeyCacheDuration"/> (2 s by default; concurrent misses share one call).
/// That bound is the staleness: a replaced or revoked secret may still pass here for that long, and the account
/// grain verifies every delivery again with its current key before applying it, so such a delivery is stored but
/// never applied. An unknown account is remembered for the same time.
/// </summary>
public sealed class WebhookVerifier(IClusterClient orleans, MarketplaceConnectors connectors, IOptions<MarketplaceOptions> options, TimeProvider time)
{
    private const int MaxCachedAccounts = 100_000;

    private readonly ConcurrentDictionary<Guid, CachedKey> _keys = new();

    /// <summary>The account's key when it is connected on <paramref name="platform"/>; null otherwise (answered 404).</summary>
    public async Task<WebhookVerificationKey?> KeyAsync(Guid accountId, SourcePlatform platform)
    {
        var now = time.GetUtcNow();
        if (_keys.Count > MaxCachedAccounts)
        {
            _keys.Clear(); // deliveries to made-up account ids must not grow the cache without bound
        }
        var cached = _keys.AddOrUpdate(accountId, _ => Ask(accountId, now), (_, old) => old.ExpiresAt <= now || old.Key.IsFaulted ? Ask(accountId, now) : old);
        var key = await cached.Key;
        return key is not null && key.Platform == platform ? key : null;
    }

    private CachedKey Ask(Guid accountId, DateTimeOffset now) =>
        new(now + options.Value.WebhookKeyCacheDuration, orleans.GetGrain<IPlatformAccountGrain>(accountId).GetWebhookVerificationKey());

    /// <summary>Verifies the signature on the raw bytes and reads the event's dedupe id; invalid when either fails.</summary>
    public WebhookCheck Verify(Guid accountId, WebhookVerificationKey key, WebhookDelivery delivery)
    {
        var connector = connectors.For(key.Platform);
        if (!connector.VerifyWebhook(key.AppCredentials, delivery))
        {
            return new WebhookCheck(false, null, null);
        }
        try
        {
            var notice = connector.ParseWebhook(new MarketplaceAccount(accountId, key.Platform, key.AppCredentials), delivery);
            return new WebhookCheck(true, notice.EventId, notice.PlatformOrderId);
        }
        catch (JsonException)
        {
            return new WebhookCheck(false, null, null);
        }
    }

    private sealed record CachedKey(DateTimeOffset ExpiresAt, Task<WebhookVerificationKey?> Key);
}
