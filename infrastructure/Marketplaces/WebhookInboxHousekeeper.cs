using System.Globalization;
using Microsoft.Extensions.Options;
using OrderActors.Grains.Housekeeping;

namespace OrderActors.Marketplaces.Webhooks;

/// <summary>
/// Removes applied webhook deliveries older than <see cref="MarketplaceOptions.WebhookInboxRetention"/>: every body a
/// platform ever sent would otherwise stay in the inbox for good. Deliveries not applied yet are never removed.
/// </summary>
public sealed class WebhookInboxHousekeeper(WebhookInbox inbox, IOptions<MarketplaceOptions> options, TimeProvider time) : IStorageHousekeeper
{
    public const int BatchSize = 5000;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var removed = await RemoveExpiredAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"removed {removed} applied webhook deliveries older than {options.Value.WebhookInboxRetention}");
    }

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow() - options.Value.WebhookInboxRetention;
        return await BatchedDeletes.UntilDoneAsync(batch => inbox.RemoveAppliedBeforeAsync(cutoff, batch, cancellationToken), BatchSize);
    }
}
