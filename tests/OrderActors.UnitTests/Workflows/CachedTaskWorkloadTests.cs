using Microsoft.Extensions.Time.Testing;
using OrderActors.Grains.Workflows.Tasks;

namespace OrderActors.UnitTests.Workflows;

public sealed class CachedTaskWorkloadTests
{
    [Fact]
    public async Task Counts_are_read_once_per_window_and_counted_up_for_assignments_made_meanwhile()
    {
        var source = new CountingWorkload { Open = { ["ana"] = 3, ["ben"] = 5 } };
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
        var cache = new CachedTaskWorkload(source, clock);

        Assert.Equal(new Dictionary<string, int> { ["ana"] = 3, ["ben"] = 5 }, await cache.GetOpenTaskCountsAsync(["ana", "ben"]));
        cache.Assigned("ana");
        cache.Assigned("ana");
        source.Open["ana"] = 40; // changed elsewhere: not seen within the window
        Assert.Equal(new Dictionary<string, int> { ["ana"] = 5, ["ben"] = 5 }, await cache.GetOpenTaskCountsAsync(["ana", "ben"]));
        Assert.Equal(1, source.Reads);

        // Only the users not read yet are asked for.
        Assert.Equal(new Dictionary<string, int> { ["ana"] = 5, ["cy"] = 0 }, await cache.GetOpenTaskCountsAsync(["ana", "cy"]));
        Assert.Equal(["cy"], source.LastAsked);

        clock.Advance(CachedTaskWorkload.Freshness);
        Assert.Equal(40, (await cache.GetOpenTaskCountsAsync(["ana"]))["ana"]);
        Assert.Equal(3, source.Reads);
    }

    private sealed class CountingWorkload : ITaskWorkload
    {
        public Dictionary<string, int> Open { get; } = [];

        public int Reads { get; private set; }

        public IReadOnlyList<string> LastAsked { get; private set; } = [];

        public Task<IReadOnlyDictionary<string, int>> GetOpenTaskCountsAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
        {
            Reads++;
            LastAsked = userIds;
            return Task.FromResult<IReadOnlyDictionary<string, int>>(userIds.Where(Open.ContainsKey).ToDictionary(u => u, u => Open[u]));
        }
    }
}
