using Dapper;
using Orleans.Runtime;

namespace OrderActors.IntegrationTests.Cluster;

/// <summary>Our reminders schema behind the real Orleans ADO.NET reminder table.</summary>
[Collection(ClusterSiloCollection.Name)]
public sealed class ReminderContractTests(ClusterSiloFixture cluster)
{
    // Far in the future, so the fixture silo's reminder service never fires these rows at grains that do not exist.
    private static readonly DateTime StartAt = new(2099, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = StartAt,
        Period = period ?? TimeSpan.FromMinutes(5),
    };

    private static GrainId NewGrain(string type = "reminder-contract") => GrainId.Create(type, Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Upsert_then_read_round_trips_and_an_upsert_changes_the_etag()
    {
        var grain = NewGrain();
        const string name = @"foo/bar\#b_a_z?";
        var longPeriod = TimeSpan.FromDays(60);

        var etag = await cluster.Reminders.UpsertRow(Entry(grain, name, longPeriod));
        var read = await cluster.Reminders.ReadRow(grain, name);
        var etag2 = await cluster.Reminders.UpsertRow(Entry(grain, name, TimeSpan.FromMinutes(7)));
        var rows = await cluster.Reminders.ReadRows(grain);

        Assert.NotNull(read);
        Assert.Equal((grain, name, StartAt, longPeriod, etag), (read.GrainId, read.ReminderName, read.StartAt, read.Period, read.ETag));
        Assert.NotEqual(etag, etag2);
        var only = Assert.Single(rows.Reminders);
        Assert.Equal((TimeSpan.FromMinutes(7), etag2), (only.Period, only.ETag));
        Assert.Null(await cluster.Reminders.ReadRow(grain, "FOO/BAR\\#B_A_Z?"));
    }

    [Fact]
    public async Task Remove_needs_the_current_etag_and_the_right_name()
    {
        var grain = NewGrain();
        var old = await cluster.Reminders.UpsertRow(Entry(grain, "r")) ?? "";
        var current = await cluster.Reminders.UpsertRow(Entry(grain, "r")) ?? "";

        Assert.False(await cluster.Reminders.RemoveRow(grain, "r", old));
        Assert.False(await cluster.Reminders.RemoveRow(grain, "R", current));
        Assert.True(await cluster.Reminders.RemoveRow(grain, "r", current));
        Assert.False(await cluster.Reminders.RemoveRow(grain, "r", current));
        Assert.Null(await cluster.Reminders.ReadRow(grain, "r"));
    }

    [Fact]
    public async Task Five_concurrent_upserts_of_one_reminder_get_five_distinct_etags()
    {
        var grain = NewGrain();

        var etags = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => cluster.Reminders.UpsertRow(Entry(grain, "contended"))));

        Assert.Equal(5, etags.Distinct().Count());
        Assert.Equal(etags.Max(etag => int.Parse(etag!)).ToString(), (await cluster.Reminders.ReadRow(grain, "contended"))!.ETag);
    }

    [Fact]
    public async Task Range_reads_match_the_hash_ring_including_wrap_around()
    {
        var type = $"ring-{Guid.NewGuid():N}"[..20];
        var grains = Enumerable.Range(0, 60).Select(_ => NewGrain(type)).ToList();
        foreach (var grain in grains)
        {
            await cluster.Reminders.UpsertRow(Entry(grain, "ring"));
        }
        var hashes = grains.ToDictionary(g => g, g => g.GetUniformHashCode());
        var random = new Random(2024);
        var sorted = hashes.Values.Order().ToList();
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, 0), (0, uint.MaxValue), (uint.MaxValue, 0), (int.MaxValue, (uint)int.MaxValue + 1),
            ((uint)int.MaxValue + 1, int.MaxValue), (sorted[10], sorted[10]), (sorted[5], sorted[40]), (sorted[40], sorted[5]),
        };
        ranges.AddRange(Enumerable.Range(0, 30).Select(_ => ((uint)random.NextInt64(0, uint.MaxValue + 1L), (uint)random.NextInt64(0, uint.MaxValue + 1L))));

        foreach (var (begin, end) in ranges)
        {
            var read = await cluster.Reminders.ReadRows(begin, end);
            var actual = read.Reminders.Where(r => r.GrainId.Type.ToString() == type).Select(r => r.GrainId).ToHashSet();
            var expected = grains.Where(g => InRing(hashes[g], begin, end)).ToHashSet();
            Assert.True(expected.SetEquals(actual), $"range ({begin}, {end}]: expected {expected.Count} reminders, read {actual.Count}");
        }
    }

    [Fact]
    public async Task Rows_carry_the_ring_hash_orleans_computes()
    {
        // Test vector of the contract note: GrainId "mygrain/user-42" has the ring hash -504462783.
        var grain = GrainId.Create("mygrain", "user-42");
        await cluster.Reminders.UpsertRow(Entry(grain, "vector"));

        await using var db = await cluster.OpenAsync();
        var hash = await db.ExecuteScalarAsync<int>(
            "SELECT GrainHash FROM orleans_reminders WHERE GrainId = 'mygrain/user-42' AND ReminderName = 'vector'");
        Assert.Equal(-504462783, hash);
    }

    // The ring range (begin, end]; begin == end is the whole ring.
    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
