using Microsoft.Extensions.Logging;
using OrderActors.Events;
using OrderActors.Grains.Events;
using OrderActors.Grains.Marketplaces;
using OrderActors.Hosting;
using Orleans.Runtime;

namespace OrderActors.Marketplaces.Events;

/// <summary>Appends account events to the durable feed and publishes them on the <c>events</c> stream provider (namespace <see cref="Namespace"/>, one stream per account).</summary>
public sealed class StreamAccountEventSink(IClusterClient client, ILogger<StreamAccountEventSink> logger) : IAccountEventSink
{
    public const string Namespace = "platform-accounts";

    public async Task PublishAsync(AccountSyncFailed accountSyncFailed)
    {
        logger.LogWarning("{Platform} account {AccountId} ({Name}) stopped syncing: {Error}",
            accountSyncFailed.Platform, accountSyncFailed.AccountId, accountSyncFailed.AccountName, accountSyncFailed.Error);
        try
        {
            await client.GetGrain<IEventFeedGrain>(IEventFeedGrain.Key).Append([FeedEvents.FromAccountSyncFailed(accountSyncFailed)]);
            var stream = client.GetStreamProvider(OrleansSetup.StreamProvider).GetStream<AccountSyncFailed>(StreamId.Create(Namespace, accountSyncFailed.AccountId));
            await stream.OnNextAsync(accountSyncFailed);
        }
        catch (Exception ex)
        {
            // The account state (status Error, lastError) is the durable record; the stream is the notification.
            logger.LogWarning(ex, "Publishing AccountSyncFailed for {AccountId} failed", accountSyncFailed.AccountId);
        }
    }
}
