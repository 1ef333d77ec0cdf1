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
}
