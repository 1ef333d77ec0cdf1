using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Grains.Workflows.Deadlines;
using OrderActors.IntegrationTests.Orders;
using OrderActors.Workflows.ReadModel;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// The 0530 table on MariaDB and SQLite: deadlines set, moved and removed (in arrival order even when committed
/// together), read per shard earliest first and bounded, and completed after a firing only where nothing moved them.
/// </summary>
public sealed class DeadlineStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Deadlines_are_read_per_shard_earliest_first_and_bounded(string dialect)
    {
        await using var store = new SqlDeadlineStore(await ReadModelDatabases.CreateAsync(dialect, "wf_deadlines_read"), NullLogger<SqlDeadlineStore>.Instance);

        await Task.WhenAll(
            store.SetAsync(1, "c", Entry("order-c", 3)),
            store.SetAsync(1, "a", Entry("order-a", 1)),
            store.SetAsync(1, "b", Entry("order-b", 2)),
            store.SetAsync(2, "z", Entry("order-z", 0)));

        Assert.Equal(["a", "b"], (await store.DueAsync(1, T0.AddSeconds(2.5), 10)).Select(d => d.Id));
        Assert.Equal([new PendingDeadline("a", Entry("order-a", 1))], await store.DueAsync(1, T0.AddSeconds(2.5), 1));
        Assert.Equal(3, await store.CountAsync(1));
        Assert.Equal(T0.AddSeconds(1), await store.NextDueAtAsync(1));
        Assert.Equal(T0, await store.NextDueAtAsync(2));
        Assert.Null(await store.NextDueAtAsync(3));

        // Moving a deadline and removing one (and one that is not there).
        await store.SetAsync(1, "a", Entry("order-a", 10));
        await Task.WhenAll(store.RemoveAsync("b"), store.RemoveAsync("never-set"));
        Assert.Equal(["c", "a"], (await store.DueAsync(1, T0.AddSeconds(60), 10)).Select(d => d.Id));
        Assert.Equal(2, await store.CountAsync(1));
        Assert.Equal(T0.AddTicks(123_456_789).AddSeconds(3), (await SetAndReadAsync(store, T0.AddTicks(123_456_789).AddSeconds(3))).Entry.DueAt);
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Changes_committed_together_keep_their_order(string dialect)
    {
        await using var store = new SqlDeadlineStore(await ReadModelDatabases.CreateAsync(dialect, "wf_deadlines_order"), NullLogger<SqlDeadlineStore>.Instance);

        // Not awaited one by one: they are gathered into batches, and the last change of each deadline wins.
        var changes = new List<Task>();
        for (var i = 0; i < 200; i++)
        {
            changes.Add(store.SetAsync(5, $"d{i}", Entry($"order-{i}", i)));
            changes.Add(i % 2 == 0 ? store.RemoveAsync($"d{i}") : store.SetAsync(5, $"d{i}", Entry($"order-{i}", 1000 + i)));
        }
        changes.Add(store.RemoveAsync("d1"));
        changes.Add(store.SetAsync(5, "d1", Entry("order-1", 7)));
        await Task.WhenAll(changes);

        var all = await store.DueAsync(5, T0.AddDays(1), 1000);
        Assert.Equal(100, all.Count);
        Assert.All(all, d => Assert.Equal(1, int.Parse(d.Id[1..]) % 2));
        Assert.Equal(T0.AddSeconds(7), all.Single(d => d.Id == "d1").Entry.DueAt);
        Assert.Equal(T0.AddSeconds(1003), all.Single(d => d.Id == "d3").Entry.DueAt);
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Completing_a_firing_removes_delivered_and_postpones_failed_deadlines_unless_they_moved(string dialect)
    {
        await using var store = new SqlDeadlineStore(await ReadModelDatabases.CreateAsync(dialect, "wf_deadlines_fire"), NullLogger<SqlDeadlineStore>.Instance);
        foreach (var id in new[] { "ok", "ok-moved", "failed", "failed-moved" })
        {
            await store.SetAsync(0, id, Entry("order-" + id, 1));
        }
        var due = await store.DueAsync(0, T0.AddSeconds(1), 10);
        Assert.Equal(4, due.Count);

        // Rescheduled while the instances were being told: those rows are newer than what was fired.
        await store.SetAsync(0, "ok-moved", Entry("order-ok-moved", 30));
        await store.SetAsync(0, "failed-moved", Entry("order-failed-moved", 40));
        var retryAt = T0.AddSeconds(20);
        await store.CompleteAsync(due.Where(d => d.Id.StartsWith("ok", StringComparison.Ordinal)).ToList(), due.Where(d => d.Id.StartsWith("failed", StringComparison.Ordinal)).ToList(), retryAt);

        var left = (await store.DueAsync(0, T0.AddDays(1), 10)).ToDictionary(d => d.Id, d => d.Entry.DueAt);
        Assert.Equal(new Dictionary<string, DateTimeOffset>
        {
            ["failed"] = retryAt,
            ["ok-moved"] = T0.AddSeconds(30),
            ["failed-moved"] = T0.AddSeconds(40),
        }, left);
    }

    private static async Task<PendingDeadline> SetAndReadAsync(SqlDeadlineStore store, DateTimeOffset dueAt)
    {
        await store.SetAsync(9, "exact", new DeadlineEntry("order-exact", dueAt));
        return (await store.DueAsync(9, dueAt, 1)).Single();
    }

    private static DeadlineEntry Entry(string instanceKey, double seconds) => new(instanceKey, T0.AddSeconds(seconds));
}
