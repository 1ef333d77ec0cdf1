using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Streams;
using OrderActors.ApiHost.Security;
using OrderActors.Events;
using OrderActors.Hosting;

namespace OrderActors.ApiHost.Components.Live;

/// <summary>
/// Hands the order events published on the <c>orders</c> partition streams to the global event feed, so the
/// dashboard (and every feed client) sees orders arrive and change. Every host runs one; the feed stores an event id
/// once, so several hosts appending the same event is harmless. A stop-gap until the order grain writes its events
/// to the feed itself (issue 6): <c>OrderActors:Dashboard:BridgeOrderStreams=false</c> turns it off.
/// </summary>
public sealed class OrderStreamFeedBridge(IClusterClient orleans, IConfiguration configuration, ILogger<OrderStreamFeedBridge> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("OrderActors:Dashboard:BridgeOrderStreams", true))
        {
            return;
        }
        var feed = orleans.GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);
        var provider = orleans.GetStreamProvider(OrleansSetup.StreamProvider);
        var handles = new List<StreamSubscriptionHandle<OrderEvent>>();
        while (!stoppingToken.IsCancellationRequested && handles.Count == 0)
        {
            try
            {
                foreach (var streamId in OrderEventStreams.All)
                {
                    handles.Add(await provider.GetStream<OrderEvent>(streamId).SubscribeAsync(
                        (e, _) => AppendAsync(feed, e, stoppingToken)));
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Subscribing to the order event streams failed; retrying");
                await UnsubscribeAsync(handles);
                handles.Clear();
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        await UnsubscribeAsync(handles);
    }

    private async Task AppendAsync(IEventFeedGrain feed, OrderEvent e, CancellationToken ct)
    {
        var feedEvent = new FeedEvent
        {
            EventId = e.EventId,
            Type = e.Type,
            OccurredAt = e.At,
            RequiredPermission = Permissions.OrdersRead,
            Platform = e.Platform.ToString(),
            OrderId = e.OrderId,
            Payload = JsonSerializer.Serialize(e, e.GetType(), PayloadJson),
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await feed.Append([feedEvent]);
                return;
            }
            catch (Exception ex) when (attempt < 5 && !ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Appending order event {EventId} to the feed failed (attempt {Attempt})", e.EventId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
        }
    }

    private async Task UnsubscribeAsync(IEnumerable<StreamSubscriptionHandle<OrderEvent>> handles)
    {
        foreach (var handle in handles)
        {
            try
            {
                await handle.UnsubscribeAsync();
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Unsubscribing from an order event stream failed");
            }
        }
    }
}
