using OrderActors.ApiHost.Security;
using OrderActors.Database;
using OrderActors.Events;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>
/// Two api-hosts (real hosts in cluster mode, each an Orleans client) on one two-silo cluster whose feed writes to
/// MariaDB: an event raised by a producer grain on either silo reaches the SignalR clients of both hosts.
/// </summary>
public sealed class TwoApiHostsTests : IAsyncLifetime
{
    private FeedCluster _cluster = null!;
    private ClusterApiFactory _hostA = null!;
    private ClusterApiFactory _hostB = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FeedCluster.StartAsync(SqlDialect.MySql);
        var key = ClusterApiFactory.NewSigningKey();
        _hostA = new ClusterApiFactory(_cluster, key);
        _hostB = new ClusterApiFactory(_cluster, key);
    }

    public async Task DisposeAsync()
    {
        await _hostA.DisposeAsync();
        await _hostB.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Both_hosts_relay_an_event_raised_on_either_silo()
    {
        var token = FeedListener.Token(_hostA, "two-hosts", [Permissions.EventsRead, Permissions.OrdersRead]);
        await using var onA = await FeedListener.ConnectAsync(_hostA, token);
        await using var onB = await FeedListener.ConnectAsync(_hostB, token);

        var producers = await ProducerOnEachSiloAsync();
        Assert.Equal(2, producers.Count);
        var raised = new List<FeedEvent>();
        foreach (var producer in producers)
        {
            var feedEvent = TestEvents.Create(FeedEventTypes.OrderReceived, $$"""{"silo":"{{await producer.Silo()}}"}""");
            await producer.Raise(feedEvent);
            raised.Add(feedEvent);
        }

        foreach (var listener in new[] { onA, onB })
        {
            var received = await listener.WaitForEventsAsync(r => raised.All(e => r.Any(x => x.EventId == e.EventId)), TimeSpan.FromSeconds(30));
            Assert.Equal(raised.Select(e => e.EventId), received.Select(r => r.EventId));
        }
    }

    private async Task<List<IOutboxProbeGrain>> ProducerOnEachSiloAsync()
    {
        var bySilo = new Dictionary<string, IOutboxProbeGrain>();
        for (var attempt = 0; attempt < 200 && bySilo.Count < _cluster.Cluster.Silos.Count; attempt++)
        {
            var grain = _cluster.Client.GetGrain<IOutboxProbeGrain>(Guid.NewGuid());
            bySilo.TryAdd(await grain.Silo(), grain);
        }
        return [.. bySilo.Values];
    }
}
