using OrderActors.Database;

namespace OrderActors.IntegrationTests.Realtime;

public sealed class EventOutboxTests : IAsyncLifetime
{
    private FeedCluster _feed = null!;

    public async Task InitializeAsync() => _feed = await FeedCluster.StartAsync(SqlDialect.Sqlite);

    public async Task DisposeAsync() => await _feed.DisposeAsync();

    [Fact]
    public async Task An_event_recorded_with_a_change_reaches_the_feed_once_and_leaves_the_outbox()
    {
        var producer = _feed.Client.GetGrain<IOutboxProbeGrain>(Guid.NewGuid());
        var raised = TestEvents.Create("OrderReceived");

        await producer.Raise(raised);
        await producer.Raise(raised);

        var log = await _feed.Log.ReadAsync(0, 100);
        Assert.Single(log, e => e.EventId == raised.EventId);
        Assert.Equal(0, await producer.PendingCount());
    }

    [Fact]
    public async Task An_event_whose_hand_off_died_with_the_activation_is_handed_over_on_reactivation()
    {
        var producer = _feed.Client.GetGrain<IOutboxProbeGrain>(Guid.NewGuid());
        var raised = TestEvents.Create("OrderStatusChanged");

        await producer.RaiseAndDieBeforeHandOff(raised);
        Assert.DoesNotContain(await _feed.Log.ReadAsync(0, 1000), e => e.EventId == raised.EventId);

        // Any call reactivates the producer, whose activation hands the recorded event over before the call runs.
        Assert.Equal(0, await producer.PendingCount());
        Assert.Single(await _feed.Log.ReadAsync(0, 1000), e => e.EventId == raised.EventId);
    }

    [Fact]
    public async Task The_hand_off_clears_the_outbox_without_a_write_of_its_own_and_deactivation_stores_it_cleared()
    {
        var producer = _feed.Client.GetGrain<IOutboxProbeGrain>(Guid.NewGuid());
        var first = TestEvents.Create("OrderReceived");
        var second = TestEvents.Create("OrderStatusChanged");

        // The second change's write carries the first event's clearing; its own clearing is stored on deactivation.
        await producer.Raise(first);
        await producer.Raise(second);
        await producer.Deactivate();

        Assert.Equal(0, await producer.PendingAtActivation());
        var log = await _feed.Log.ReadAsync(0, 1000);
        Assert.Single(log, e => e.EventId == first.EventId);
        Assert.Single(log, e => e.EventId == second.EventId);
    }
}
