using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrderActors.Marketplaces.Webhooks;

/// <summary>Applies stored webhook deliveries through their account grains; failures are retried with backoff.</summary>
public sealed class WebhookInboxProcessor(WebhookInbox inbox, IClusterClient orleans, ILogger<WebhookInboxProcessor> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Wakes the processor after a new delivery was stored (it also polls every second).</summary>
    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var items = await inbox.LeaseDueAsync(20, stoppingToken);
                foreach (var item in items)
                {
                    try
                    {
                        await orleans.GetGrain<IPlatformAccountGrain>(item.AccountId).ApplyWebhook(item.Delivery);
                        await inbox.MarkProcessedAsync(item.Id, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning("Applying webhook {Id} of {Platform} account {AccountId} failed: {Error}", item.Id, item.Platform, item.AccountId, ex.Message);
                        await inbox.MarkFailedAsync(item.Id, item.Attempts + 1, ex.Message, stoppingToken);
                    }
                }
                if (items.Count > 0)
                {
                    continue;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reading the webhook inbox failed");
            }
            try
            {
                await _signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
