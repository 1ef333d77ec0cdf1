using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrderActors.Events;
using OrderActors.Grains.Events;

namespace OrderActors.Grains.Orders;

/// <summary>
/// After a durable change: project the order to the read model, hand its outbox to the durable event feed and the
/// order streams, its pending write-backs to the account grain, its pending workflow starts to the starter and its
/// accepts and rejects made outside the workflow to the decision relay, retrying until all succeed (write-backs,
/// starts and decisions: until their receiver confirms).
/// </summary>
public sealed partial class OrderGrain
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private long _projectedVersion;
    private bool _outboxShrunk;
    private IGrainTimer? _retryTimer;
    private TimeSpan _retryDelay;
    private StreamOutbox<OrderEvent>? _outbox;

    private async Task FollowUpAsync()
    {
        var done = await TryProjectAsync() & await TryPublishAsync() & await TryHandOverWriteBacksAsync() & await TryHandOverWorkflowStartsAsync() & await TryHandOverWorkflowDecisionsAsync();
        if (done)
        {
            _retryTimer?.Dispose();
            _retryTimer = null;
            _retryDelay = TimeSpan.Zero;
        }
        else if (_retryTimer is null)
        {
            _retryDelay = Options.RetryDelay;
            _retryTimer = this.RegisterGrainTimer(RetryAsync, _retryDelay, _retryDelay);
        }
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        if (await TryProjectAsync() & await TryPublishAsync() & await TryHandOverWriteBacksAsync() & await TryHandOverWorkflowStartsAsync(again: true)
            & await TryHandOverWorkflowDecisionsAsync(again: true))
        {
            _retryTimer?.Dispose();
            _retryTimer = null;
            return;
        }
        // Back off while the database or the stream stays down, so thousands of grains do not hammer it.
        _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
        _retryTimer?.Change(_retryDelay, _retryDelay);
    }

    private async Task<bool> TryProjectAsync()
    {
        if (state.State.Order is not { } order || order.Version <= _projectedVersion)
        {
            return true;
        }
        try
        {
            // An order holding unconfirmed hand-overs is marked with the row, so the hand-over sweep finds it if this silo
            // dies before the receivers confirm (the last confirmation clears the mark).
            await projection.ProjectAsync(order, HoldsHandOvers);
            _projectedVersion = order.Version;
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Projecting order {OrderId} version {Version} to the read model failed; retrying", order.Id, order.Version);
            return false;
        }
    }

    private async Task<bool> TryPublishAsync()
    {
        if (state.State.Outbox.Count == 0)
        {
            return true;
        }
        try
        {
            // The durable feed first: it dedupes by event id, so a retry after a failed stream publish is harmless.
            await GrainFactory.GetGrain<IEventFeedGrain>(IEventFeedGrain.Key)
                .Append(state.State.Outbox.Select(FeedEvents.FromOrderEvent).ToList());
            _outbox ??= new StreamOutbox<OrderEvent>(this.GetStreamProvider(StreamOutbox<OrderEvent>.ProviderName), e => OrderEventStreams.For(e.OrderId));
            if (await _outbox.PublishAsync(state.State.Outbox) > 0)
            {
                _outboxShrunk = true;
            }
            return true;
        }
        catch (Exception ex)
        {
            _outboxShrunk = true;
            logger.LogWarning(ex, "Publishing {Count} events of order {OrderId} failed; retrying", state.State.Outbox.Count, this.GetPrimaryKey());
            return false;
        }
    }
}
