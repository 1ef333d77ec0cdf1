namespace OrderActors.IntegrationTests.Embedded;

public sealed class StateVersionToleranceTests(SqliteTestFile file) : IClassFixture<SqliteTestFile>
{
    private const string StateName = "customer-note";

    [Fact]
    public async Task State_written_before_a_field_was_added_reads_back_with_the_field_at_its_default()
    {
        var storage = file.CreateStorage();
        var grain = GrainId.Create("notes", "siti");
        await storage.WriteStateAsync(StateName, grain, new GrainState<CustomerNoteV1>(new CustomerNoteV1 { Name = "Siti", Visits = 3 }));

        var upgraded = new GrainState<CustomerNoteV2>(new CustomerNoteV2());
        await storage.ReadStateAsync(StateName, grain, upgraded);

        Assert.Equal(("Siti", 3, "standard", "1"), (upgraded.State!.Name, upgraded.State!.Visits, upgraded.State!.Tier, upgraded.ETag));

        upgraded.State!.Tier = "gold";
        await storage.WriteStateAsync(StateName, grain, upgraded);
        var rolledBack = new GrainState<CustomerNoteV1>(new CustomerNoteV1());
        await storage.ReadStateAsync(StateName, grain, rolledBack);
        Assert.Equal(("Siti", 3), (rolledBack.State!.Name, rolledBack.State!.Visits));
    }
}
