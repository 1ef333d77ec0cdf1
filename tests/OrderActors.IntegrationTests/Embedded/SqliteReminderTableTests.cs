namespace OrderActors.IntegrationTests.Embedded;

public sealed class SqliteReminderTableTests(SqliteTestFile file) : IClassFixture<SqliteTestFile>
{
    [Fact]
    public async Task Upsert_then_read_round_trips_the_reminder_and_a_new_upsert_changes_the_etag()
    {
        var table = file.CreateReminderTable(NewService());
        var grain = GrainId.Create("reminding", "order-7");
        var entry = Entry(grain, @"foo/bar\#b_a_z?", new DateTime(2026, 11, 26, 10, 0, 0, 123, DateTimeKind.Utc), TimeSpan.FromMinutes(5));

        var firstETag = await table.UpsertRow(entry);
        var read = await table.ReadRow(grain, entry.ReminderName);

        Assert.NotNull(read);
        Assert.Equal((grain, entry.ReminderName, entry.StartAt, entry.Period, firstETag), (read.GrainId, read.ReminderName, read.StartAt, read.Period, read.ETag));
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);

        var secondETag = await table.UpsertRow(Entry(grain, entry.ReminderName, entry.StartAt.AddMinutes(1), TimeSpan.FromHours(1)));
        Assert.NotEqual(firstETag, secondETag);
        var updated = Assert.Single((await table.ReadRows(grain)).Reminders);
        Assert.Equal((entry.StartAt.AddMinutes(1), TimeSpan.FromHours(1), secondETag), (updated.StartAt, updated.Period, updated.ETag));
        Assert.Null(await table.ReadRow(grain, "no such reminder"));
    }

    [Fact]
    public async Task Read_rows_by_grain_returns_only_that_grains_reminders()
    {
        var table = file.CreateReminderTable(NewService());
        var grain = GrainId.Create("reminding", "a");
        await table.UpsertRow(Entry(grain, "one"));
        await table.UpsertRow(Entry(grain, "two"));
        await table.UpsertRow(Entry(GrainId.Create("reminding", "A"), "one"));

        var rows = await table.ReadRows(grain);

        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task Remove_needs_the_current_etag_and_the_right_name()
    {
        var table = file.CreateReminderTable(NewService());
        var grain = GrainId.Create("reminding", "removable");
        var oldETag = await table.UpsertRow(Entry(grain, "r"));
        var currentETag = await table.UpsertRow(Entry(grain, "r"));

        Assert.False(await table.RemoveRow(grain, "r", oldETag!));
        Assert.False(await table.RemoveRow(grain, "other", currentETag!));
        Assert.False(await table.RemoveRow(grain, "r", "not-an-etag"));
        Assert.True(await table.RemoveRow(grain, "r", currentETag!));
        Assert.False(await table.RemoveRow(grain, "r", currentETag!));
        Assert.Null(await table.ReadRow(grain, "r"));
    }

    [Fact]
    public async Task Five_concurrent_upserts_of_one_reminder_get_five_distinct_etags()
    {
        var table = file.CreateReminderTable(NewService());
        var grain = GrainId.Create("reminding", "busy");

        var etags = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => table.UpsertRow(Entry(grain, "r")))));

        Assert.Equal(5, etags.Distinct().Count());
    }

    [Fact]
    public async Task Ring_ranges_return_the_reminders_hashed_into_begin_exclusive_end_inclusive_with_wrap_around()
    {
        var table = file.CreateReminderTable(NewService());
        var grains = Enumerable.Range(0, 60).Select(i => GrainId.Create("reminding", $"ring-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "r"));
        }
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var random = new Random(11);
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, 0), (hashes[10], hashes[10]), (0, uint.MaxValue), (hashes[5], hashes[40]), (hashes[40], hashes[5]),
            (uint.MaxValue, hashes[3]), (hashes[50], 0), (hashes[0] - 1, hashes[0]),
        };
        ranges.AddRange(Enumerable.Range(0, 20).Select(_ => ((uint)random.NextInt64(0, uint.MaxValue), (uint)random.NextInt64(0, uint.MaxValue))));

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(g => InRing(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order();
            var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order();
            Assert.True(expected.SequenceEqual(actual), $"range ({begin}, {end}]");
        }
        Assert.Equal(grains.Count, (await table.ReadRows(0, 0)).Reminders.Count);
    }

    [Fact]
    public async Task Clearing_the_table_removes_only_this_services_reminders()
    {
        var service = NewService();
        var table = file.CreateReminderTable(service);
        var neighbour = file.CreateReminderTable($"{service}-neighbour");
        var grain = GrainId.Create("reminding", "cleared");
        await table.UpsertRow(Entry(grain, "r"));
        await neighbour.UpsertRow(Entry(grain, "r"));

        await table.TestOnlyClearTable();

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
        Assert.Single((await neighbour.ReadRows(0, 0)).Reminders);
    }

    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static string NewService() => $"svc-{Guid.NewGuid():N}";

    private static ReminderEntry Entry(GrainId grain, string name, DateTime? startAt = null, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = startAt ?? new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Period = period ?? TimeSpan.FromMinutes(1),
    };
}
