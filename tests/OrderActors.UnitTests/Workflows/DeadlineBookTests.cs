using Microsoft.Extensions.Time.Testing;
using OrderActors.Grains.Workflows.Deadlines;

namespace OrderActors.UnitTests.Workflows;

public sealed class DeadlineBookTests
{
    [Fact]
    public void Returns_due_deadlines_earliest_first_and_skips_moved_and_cancelled_ones()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var book = new DeadlineBook(new Dictionary<string, DeadlineEntry>());
        var now = clock.GetUtcNow();
        book.Set("late", new DeadlineEntry("i1", now.AddSeconds(30)));
        book.Set("early", new DeadlineEntry("i2", now.AddSeconds(10)));
        book.Set("cancelled", new DeadlineEntry("i3", now.AddSeconds(5)));
        book.Set("moved", new DeadlineEntry("i4", now.AddSeconds(1)));
        book.Remove("cancelled");
        book.Set("moved", new DeadlineEntry("i4", now.AddMinutes(5)));

        Assert.Empty(book.Due(clock.GetUtcNow(), 10));
        Assert.Equal(now.AddSeconds(10), book.NextDueAt);

        clock.Advance(TimeSpan.FromSeconds(31));
        var due = book.Due(clock.GetUtcNow(), 10);

        Assert.Equal(["early", "late"], due.Select(d => d.Id));
        Assert.Equal(3, book.Count);
    }

    [Fact]
    public void A_due_deadline_stays_until_removed_so_a_failed_firing_is_found_again()
    {
        var now = DateTimeOffset.UnixEpoch;
        var entry = new DeadlineEntry("i1", now);
        var book = new DeadlineBook(new Dictionary<string, DeadlineEntry> { ["d"] = entry });

        Assert.Single(book.Due(now, 10));
        Assert.Single(book.Due(now, 10));
        Assert.True(book.RemoveIfUnchanged("d", entry));
        Assert.Empty(book.Due(now, 10));
    }

    [Fact]
    public void Shards_are_stable_and_spread()
    {
        var shards = Enumerable.Range(0, 10_000).Select(i => ShardedDeadlineScheduler.ShardOf($"deadline-{i}", 64)).ToList();

        Assert.Equal(shards, Enumerable.Range(0, 10_000).Select(i => ShardedDeadlineScheduler.ShardOf($"deadline-{i}", 64)));
        Assert.All(shards.GroupBy(s => s), g => Assert.InRange(g.Count(), 100, 220));
        Assert.Equal(64, shards.Distinct().Count());
    }
}
