using OrderActors.Database;
using OrderActors.Events;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>
/// The feed's central promise: positions become visible in order. Many concurrent appenders (with repeats) write
/// through the real feed grain on a two-silo cluster while an incremental reader polls the real database; the
/// reader must see every position exactly once, each one the successor of the last.
/// </summary>
public sealed class FeedSequencingTests
{
    [Theory]
    [InlineData(SqlDialect.Sqlite)]
    [InlineData(SqlDialect.MySql)]
    public async Task Concurrent_appenders_and_an_incremental_reader_never_miss_a_position(SqlDialect dialect)
    {
        await using var feed = await FeedCluster.StartAsync(dialect);
        const int writers = 16;
        const int batchesPerWriter = 20;

        using var stop = new CancellationTokenSource();
        var seen = new List<FeedEvent>();
        var reader = Task.Run(async () =>
        {
            long cursor = 0;
            while (true)
            {
                var page = await feed.Log.ReadAsync(cursor, 100);
                foreach (var e in page)
                {
                    Assert.Equal(cursor + 1, e.Position);
                    cursor = e.Position;
                    seen.Add(e);
                }
                if (page.Count == 0)
                {
                    if (stop.IsCancellationRequested && cursor == await feed.Log.GetHeadAsync())
                    {
                        return;
                    }
                    await Task.Delay(5);
                }
            }
        });

        var written = new System.Collections.Concurrent.ConcurrentBag<(Guid Id, long Position)>();
        var appenders = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var b = 0; b < batchesPerWriter; b++)
            {
                var batch = Enumerable.Range(0, 1 + (w + b) % 4).Select(i => TestEvents.Create("OrderReceived", $"{{\"w\":{w},\"b\":{b},\"i\":{i}}}")).ToList();
                var result = await feed.Feed.Append(batch);
                Assert.Equal(batch.Count, result.Added);
                // At-least-once producers repeat themselves: a repeat must change nothing.
                var repeat = await feed.Feed.Append(batch);
                Assert.Equal(0, repeat.Added);
                Assert.Equal(result.Positions, repeat.Positions);
                foreach (var (e, position) in batch.Zip(result.Positions))
                {
                    written.Add((e.EventId, position));
                }
            }
        })).ToList();

        await Task.WhenAll(appenders);
        stop.Cancel();
        await reader.WaitAsync(TimeSpan.FromSeconds(60));

        var expected = written.Count;
        Assert.Equal(expected, seen.Count);
        Assert.Equal(Enumerable.Range(1, expected).Select(i => (long)i), seen.Select(e => e.Position));
        Assert.Equal(written.OrderBy(w => w.Position).Select(w => w.Id), seen.Select(e => e.EventId));
        Assert.Equal(expected, await feed.Feed.GetHead());
    }

    [Theory]
    [InlineData(SqlDialect.Sqlite)]
    [InlineData(SqlDialect.MySql)]
    public async Task The_log_keeps_scope_and_payload_and_filters_by_permission(SqlDialect dialect)
    {
        await using var feed = await FeedCluster.StartAsync(dialect, silos: 1);
        var orderId = Guid.NewGuid();
        var received = TestEvents.Create("OrderReceived", """{"platformOrderId":"X-1","grandTotal":84.80}""") with
        {
            Platform = "Shopify",
            OrderId = orderId,
            OccurredAt = new DateTimeOffset(2026, 11, 26, 10, 0, 0, 123, TimeSpan.Zero),
        };
        var task = TestEvents.Create("WorkflowTaskAssigned", "{}", requiredPermission: "tasks.work") with { AssigneeUserId = "user-7", Role = "packer" };

        await feed.Feed.Append([received, task]);

        var all = await feed.Log.ReadAsync(0, 10);
        Assert.Equal([received with { Position = 1 }, task with { Position = 2 }], all);
        var ordersOnly = await feed.Log.ReadAsync(0, 10, ["orders.read"]);
        Assert.Equal([received.EventId], ordersOnly.Select(e => e.EventId));
        Assert.Empty(await feed.Log.ReadAsync(0, 10, []));
    }

    [Theory]
    [InlineData(SqlDialect.Sqlite)]
    [InlineData(SqlDialect.MySql)]
    public async Task Retention_deletes_old_events_but_positions_never_restart(SqlDialect dialect)
    {
        var database = await FeedTestDatabase.CreateAsync(dialect);
        var log = new SqlEventLog(database);
        var longAgo = DateTimeOffset.UtcNow.AddDays(-8);
        await log.AppendAsync([TestEvents.Create("OrderReceived"), TestEvents.Create("OrderReceived")], longAgo);

        Assert.Equal(2, await log.DeleteRecordedBeforeAsync(DateTimeOffset.UtcNow.AddDays(-7), 1000));

        var next = await log.AppendAsync([TestEvents.Create("OrderReceived")], DateTimeOffset.UtcNow);
        Assert.Equal([3L], next.Positions);
        Assert.Equal([3L], (await log.ReadAsync(0, 10)).Select(e => e.Position));
    }
}
