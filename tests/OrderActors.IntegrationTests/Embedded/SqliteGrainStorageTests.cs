using Orleans.Storage;
using OrderActors.Storage.Sqlite;

namespace OrderActors.IntegrationTests.Embedded;

public sealed class SqliteGrainStorageTests(SqliteTestFile file) : IClassFixture<SqliteTestFile>
{
    private const string StateName = "probe";

    private readonly SqliteGrainStorage _storage = file.CreateStorage();

    [Fact]
    public async Task Write_read_write_read_counts_etags_up_from_1_and_round_trips_the_state()
    {
        var id = NewGrain();

        var first = new GrainState<ProbeState>(new ProbeState { Text = "one" });
        await _storage.WriteStateAsync(StateName, id, first);
        var read = await ReadAsync(id);
        Assert.Equal(("1", true, "one"), (read.ETag, read.RecordExists, read.State!.Text));

        read.State!.Text = "two";
        await _storage.WriteStateAsync(StateName, id, read);
        var again = await ReadAsync(id);
        Assert.Equal(("2", true, "two"), (again.ETag, again.RecordExists, again.State!.Text));
    }

    [Fact]
    public async Task Reading_a_grain_never_written_gives_no_etag_and_no_record()
    {
        var read = await ReadAsync(NewGrain());

        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.NotNull(read.State);
    }

    [Fact]
    public async Task A_stale_etag_or_a_second_first_write_is_an_inconsistent_state_and_changes_nothing()
    {
        var id = NewGrain();
        var writer = new GrainState<ProbeState>(new ProbeState { Text = "v1" });
        await _storage.WriteStateAsync(StateName, id, writer);
        var stale = await ReadAsync(id);
        writer.State!.Text = "v2";
        await _storage.WriteStateAsync(StateName, id, writer);

        stale.State!.Text = "lost update";
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, id, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, id, stale));
        var secondFirst = new GrainState<ProbeState>(new ProbeState { Text = "duplicate activation" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, id, secondFirst));
        var garbage = new GrainState<ProbeState>(new ProbeState()) { ETag = "not-a-version" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, id, garbage));

        var stored = await ReadAsync(id);
        Assert.Equal(("2", "v2"), (stored.ETag, stored.State!.Text));
    }

    [Fact]
    public async Task Clear_keeps_counting_the_version_reports_no_record_and_a_rewrite_works()
    {
        var id = NewGrain();
        var state = new GrainState<ProbeState>(new ProbeState { Text = "to be cleared" });
        await _storage.WriteStateAsync(StateName, id, state);

        await _storage.ClearStateAsync(StateName, id, state);
        Assert.Equal(("2", false, ""), (state.ETag, state.RecordExists, state.State!.Text));
        var afterClear = await ReadAsync(id);
        Assert.Equal(("2", false, ""), (afterClear.ETag, afterClear.RecordExists, afterClear.State!.Text));

        afterClear.State!.Text = "rewritten";
        await _storage.WriteStateAsync(StateName, id, afterClear);
        var rewritten = await ReadAsync(id);
        Assert.Equal(("3", true, "rewritten"), (rewritten.ETag, rewritten.RecordExists, rewritten.State!.Text));
    }

    [Fact]
    public async Task Every_kind_of_key_gets_its_own_row_per_state_name()
    {
        var guid = Guid.NewGuid();
        var suffix = Guid.NewGuid().ToString("N");
        GrainId[] ids =
        [
            GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateGuidKey(guid, "ext")),
            GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateIntegerKey(42)),
            GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateIntegerKey(42, "ext")),
            GrainId.Create(GrainType.Create("other"), GrainIdKeyExtensions.CreateIntegerKey(42)),
            GrainId.Create("probe", $"user-{suffix}"),
            GrainId.Create("probe", $"USER-{suffix}"),
            GrainId.Create("probe", $"user-{suffix} "),
            GrainId.Create("probe", $"заказ-🛒-{suffix}"),
        ];
        var storage = file.CreateStorage($"keys-{suffix}");

        foreach (var (id, index) in ids.Select((id, i) => (id, i)))
        {
            await storage.WriteStateAsync(StateName, id, new GrainState<ProbeState>(new ProbeState { Text = $"{StateName}-{index}" }));
            await storage.WriteStateAsync("other-state", id, new GrainState<ProbeState>(new ProbeState { Text = $"other-{index}" }));
        }

        foreach (var (id, index) in ids.Select((id, i) => (id, i)))
        {
            var probe = new GrainState<ProbeState>(new ProbeState());
            await storage.ReadStateAsync(StateName, id, probe);
            var other = new GrainState<ProbeState>(new ProbeState());
            await storage.ReadStateAsync("other-state", id, other);
            Assert.Equal(($"{StateName}-{index}", "1"), (probe.State!.Text, probe.ETag));
            Assert.Equal(($"other-{index}", "1"), (other.State!.Text, other.ETag));
        }
    }

    [Fact]
    public async Task A_payload_over_16_MiB_round_trips()
    {
        var id = NewGrain();
        var blob = new byte[17 * 1024 * 1024];
        new Random(7).NextBytes(blob);

        await _storage.WriteStateAsync(StateName, id, new GrainState<ProbeState>(new ProbeState { Text = "big", Blob = blob }));
        var read = await ReadAsync(id);

        Assert.Equal("big", read.State!.Text);
        Assert.True(blob.AsSpan().SequenceEqual(read.State!.Blob), "the 17 MiB payload should come back byte for byte");
    }

    [Fact]
    public async Task A_hundred_grains_writing_in_parallel_all_succeed()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => NewGrain()).ToList();
        // Half go through a second database object: its own write gate, so SQLite's own locking is contended too.
        var secondWriter = file.CreateStorage(database: new SqliteOrleansDatabase(file.FilePath));

        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 100 }, async (grain, _) =>
        {
            var storage = grain.i % 2 == 0 ? _storage : secondWriter;
            var state = new GrainState<ProbeState>(new ProbeState());
            for (var round = 1; round <= 3; round++)
            {
                state.State!.Text = $"round {round}";
                await storage.WriteStateAsync(StateName, grain.id, state);
            }
        });

        foreach (var id in ids)
        {
            var read = await ReadAsync(id);
            Assert.Equal(("3", "round 3"), (read.ETag, read.State!.Text));
        }
    }

    [Fact]
    public async Task Concurrent_writes_share_commits_and_a_stale_one_among_them_fails_alone()
    {
        var ids = Enumerable.Range(0, 120).Select(_ => NewGrain()).ToList();
        var states = ids.Select(_ => new GrainState<ProbeState>(new ProbeState { Text = "v1" })).ToList();
        await Task.WhenAll(ids.Select((id, i) => _storage.WriteStateAsync(StateName, id, states[i])));
        var staleIndex = 60;
        var stale = new GrainState<ProbeState>(new ProbeState { Text = "stale" }) { ETag = "7" };

        // All queued at once, so they are written in the same transaction(s) as the stale write.
        var writes = ids.Select((id, i) =>
        {
            states[i].State!.Text = $"v2 of {i}";
            return i == staleIndex ? _storage.WriteStateAsync(StateName, id, stale) : _storage.WriteStateAsync(StateName, id, states[i]);
        }).ToList();
        await Assert.ThrowsAsync<InconsistentStateException>(() => writes[staleIndex]);
        await Task.WhenAll(writes.Where((_, i) => i != staleIndex));

        for (var i = 0; i < ids.Count; i++)
        {
            var read = await ReadAsync(ids[i]);
            Assert.Equal(i == staleIndex ? ("1", "v1") : ("2", $"v2 of {i}"), (read.ETag, read.State!.Text));
        }
    }

    private async Task<GrainState<ProbeState>> ReadAsync(GrainId id)
    {
        var state = new GrainState<ProbeState>(new ProbeState { Text = "not read" });
        await _storage.ReadStateAsync(StateName, id, state);
        return state;
    }

    private static GrainId NewGrain() => GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid()));
}
