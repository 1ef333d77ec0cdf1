using Dapper;
using Orleans.Runtime;
using Orleans.Storage;

namespace OrderActors.IntegrationTests.Cluster;

/// <summary>Our grain-state schema behind the real Orleans ADO.NET storage provider.</summary>
[Collection(ClusterSiloCollection.Name)]
public sealed class GrainStorageContractTests(ClusterSiloFixture cluster)
{
    private static GrainId NewGrain() => GrainId.Create("storage-contract", "g-" + Guid.NewGuid().ToString("N")[..12]);

    private static GrainState<StoredPayload> State(string text, byte[]? data = null) =>
        new(new StoredPayload { Text = text, Data = data ?? [] });

    private async Task<GrainState<StoredPayload>> ReadAsync(IGrainStorage storage, string stateName, GrainId grain)
    {
        var read = new GrainState<StoredPayload>(new StoredPayload());
        await storage.ReadStateAsync(stateName, grain, read);
        return read;
    }

    [Fact]
    public async Task Write_then_read_round_trips_with_etags_counting_from_1()
    {
        var grain = NewGrain();
        var state = State("first");

        Assert.False((await ReadAsync(cluster.Storage, "round-trip", grain)).RecordExists);
        await cluster.Storage.WriteStateAsync("round-trip", grain, state);
        var first = await ReadAsync(cluster.Storage, "round-trip", grain);
        state.State!.Text = "second";
        await cluster.Storage.WriteStateAsync("round-trip", grain, state);
        var second = await ReadAsync(cluster.Storage, "round-trip", grain);

        Assert.Equal(("1", true, "first"), (first.ETag, first.RecordExists, first.State!.Text));
        Assert.Equal(("2", true, "second"), (second.ETag, second.RecordExists, second.State!.Text));
    }

    [Fact]
    public async Task A_stale_etag_or_a_second_first_write_is_rejected()
    {
        var grain = NewGrain();
        var winner = State("winner");
        await cluster.Storage.WriteStateAsync("conflicts", grain, winner);
        var stale = State("stale");
        stale.ETag = winner.ETag;
        await cluster.Storage.WriteStateAsync("conflicts", grain, winner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => cluster.Storage.WriteStateAsync("conflicts", grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => cluster.Storage.WriteStateAsync("conflicts", grain, State("second first write")));

        var stored = await ReadAsync(cluster.Storage, "conflicts", grain);
        Assert.Equal(("2", "winner"), (stored.ETag, stored.State!.Text));
    }

    [Fact]
    public async Task Racing_first_writes_of_one_grain_store_exactly_one_row()
    {
        var grain = NewGrain();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await cluster.Storage.WriteStateAsync("first-write-race", grain, State($"writer {i}"));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, attempts.Count(won => won));
        Assert.Equal(1, await CountRowsAsync("first-write-race"));
    }

    [Fact]
    public async Task Clear_keeps_no_payload_and_bumps_the_etag_and_a_rewrite_works()
    {
        var grain = NewGrain();
        var state = State("to clear");
        await cluster.Storage.WriteStateAsync("clear", grain, state);

        await cluster.Storage.ClearStateAsync("clear", grain, state);
        var cleared = await ReadAsync(cluster.Storage, "clear", grain);
        Assert.Equal(("2", false), (state.ETag, state.RecordExists));
        Assert.Equal(("2", false), (cleared.ETag, cleared.RecordExists));

        state.State!.Text = "rewritten";
        await cluster.Storage.WriteStateAsync("clear", grain, state);
        var rewritten = await ReadAsync(cluster.Storage, "clear", grain);
        Assert.Equal(("3", true, "rewritten"), (rewritten.ETag, rewritten.RecordExists, rewritten.State!.Text));
    }

    [Fact]
    public async Task Delete_on_clear_removes_the_row_and_the_next_write_starts_again_at_1()
    {
        var grain = NewGrain();
        var state = State("to delete");
        await cluster.DeleteOnClear.WriteStateAsync("delete", grain, state);
        await cluster.DeleteOnClear.WriteStateAsync("delete", grain, state);

        await cluster.DeleteOnClear.ClearStateAsync("delete", grain, state);
        Assert.Null(state.ETag);
        Assert.Equal(0, await CountRowsAsync("delete"));

        await cluster.DeleteOnClear.WriteStateAsync("delete", grain, state);
        Assert.Equal("1", (await ReadAsync(cluster.DeleteOnClear, "delete", grain)).ETag);
    }

    [Fact]
    public async Task Keys_of_every_kind_keep_separate_rows()
    {
        var guid = Guid.NewGuid();
        var number = Random.Shared.NextInt64(1, long.MaxValue);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var type = GrainType.Create("storage-keys");
        GrainId[] grains =
        [
            GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid, "ext")),
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(number)),
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(number, "ext")),
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(number, "EXT")),
            GrainId.Create("storage-keys", $"user-{suffix}"),
            GrainId.Create("storage-keys", $"User-{suffix}"),
            GrainId.Create("storage-keys", $"user-{suffix} "),
            GrainId.Create("storage-keys", $"Ключ-🙂-{suffix}"),
            GrainId.Create("storage-keys", $"{new string('k', 600)}-{suffix}"),
        ];

        foreach (var grain in grains)
        {
            await cluster.Storage.WriteStateAsync("keys", grain, State(grain.ToString()));
        }

        foreach (var grain in grains)
        {
            var read = await ReadAsync(cluster.Storage, "keys", grain);
            Assert.Equal(("1", grain.ToString()), (read.ETag, read.State!.Text));
        }
    }

    [Fact]
    public async Task Rows_carry_the_identity_and_hashes_orleans_computes()
    {
        // Test vectors of the contract note: state name "state", integer key 42, Guid 00112233-..., string "user-42".
        var type = GrainType.Create("vector");
        await cluster.Storage.WriteStateAsync("state", GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(42)), State("int"));
        await cluster.Storage.WriteStateAsync("state", GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"))), State("guid"));
        await cluster.Storage.WriteStateAsync("state", GrainId.Create("vector", "user-42"), State("string"));

        await using var db = await cluster.OpenAsync();
        var rows = (await db.QueryAsync<(int GrainIdHash, long N0, long N1, int GrainTypeHash, string? Extension, int Version)>(
            "SELECT GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainIdExtensionString, Version FROM orleans_grain_state WHERE GrainTypeString = 'state' ORDER BY GrainIdHash")).ToList();

        Assert.Equal(
            [
                (-639525934, 0L, 0L, 631257761, "user-42", 1),
                (-110949262, 0L, 42L, 631257761, null, 1),
                (189902723, 7383445245961249331L, -4822678189205112L, 631257761, null, 1),
            ],
            rows);
    }

    [Theory]
    [InlineData(70 * 1024)]
    [InlineData(16 * 1024 * 1024 + 1024)]
    public async Task Payloads_beyond_64_KiB_and_16_MiB_round_trip(int size)
    {
        var grain = NewGrain();
        var data = new byte[size];
        new Random(size).NextBytes(data);

        await cluster.Storage.WriteStateAsync("large", grain, State("large", data));
        var read = await ReadAsync(cluster.Storage, "large", grain);

        Assert.Equal(size, read.State!.Data.Length);
        Assert.True(data.AsSpan().SequenceEqual(read.State!.Data), "the payload came back changed");
    }

    [Fact]
    public async Task A_hundred_grains_written_in_parallel_do_not_deadlock()
    {
        var grains = Enumerable.Range(0, 100).Select(_ => NewGrain()).ToList();

        var writes = Task.WhenAll(grains.Select(async grain =>
        {
            var state = State("v1");
            await cluster.Storage.WriteStateAsync("parallel", grain, state);
            state.State!.Text = "v2";
            await cluster.Storage.WriteStateAsync("parallel", grain, state);
            return state.ETag;
        }));

        var etags = await writes.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.All(etags, etag => Assert.Equal("2", etag));
    }

    private async Task<long> CountRowsAsync(string stateName)
    {
        await using var db = await cluster.OpenAsync();
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orleans_grain_state WHERE GrainTypeString = @stateName", new { stateName });
    }
}
