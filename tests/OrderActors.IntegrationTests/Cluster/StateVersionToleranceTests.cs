using System.Text;
using Dapper;
using Orleans.Runtime;

namespace OrderActors.IntegrationTests.Cluster;

/// <summary>
/// Grain state is stored with Orleans' own serializer, so a state written by an older build still reads after
/// a field was added, and the reverse. The two classes stand for one state type before and after the change:
/// the stored bytes carry field ids, not the type's name.
/// </summary>
[Collection(ClusterSiloCollection.Name)]
public sealed class StateVersionToleranceTests(ClusterSiloFixture cluster)
{
    [GenerateSerializer, Alias("OrderActors.IntegrationTests.CustomerProfile.V1")]
    public sealed class CustomerProfileV1
    {
        [Id(0)] public string Name { get; set; } = "";

        [Id(1)] public int Orders { get; set; }
    }

    [GenerateSerializer, Alias("OrderActors.IntegrationTests.CustomerProfile.V2")]
    public sealed class CustomerProfileV2
    {
        [Id(0)] public string Name { get; set; } = "";

        [Id(1)] public int Orders { get; set; }

        [Id(2)] public string LoyaltyTier { get; set; } = "none";
    }

    [Fact]
    public async Task State_written_before_a_field_was_added_still_reads_back()
    {
        var grain = GrainId.Create("profile", Guid.NewGuid().ToString("N"));
        await cluster.Storage.WriteStateAsync("profile", grain, new GrainState<CustomerProfileV1>(new CustomerProfileV1 { Name = "Siti Rahman", Orders = 3 }));

        var read = new GrainState<CustomerProfileV2>(new CustomerProfileV2());
        await cluster.Storage.ReadStateAsync("profile", grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(("Siti Rahman", 3, "none"), (read.State!.Name, read.State!.Orders, read.State!.LoyaltyTier));

        // The newer build writes the added field; the older one still reads what it knows.
        read.State!.LoyaltyTier = "gold";
        await cluster.Storage.WriteStateAsync("profile", grain, read);
        var old = new GrainState<CustomerProfileV1>(new CustomerProfileV1());
        await cluster.Storage.ReadStateAsync("profile", grain, old);
        Assert.Equal(("Siti Rahman", 3), (old.State!.Name, old.State!.Orders));
    }

    [Fact]
    public async Task State_is_stored_as_orleans_binary_not_type_name_json()
    {
        var grain = GrainId.Create("profile", Guid.NewGuid().ToString("N"));
        await cluster.Storage.WriteStateAsync("profile-format", grain, new GrainState<CustomerProfileV1>(new CustomerProfileV1 { Name = "Ana", Orders = 1 }));

        await using var db = await cluster.OpenAsync();
        var payload = await db.ExecuteScalarAsync<byte[]>("SELECT PayloadBinary FROM orleans_grain_state WHERE GrainTypeString = 'profile-format'");

        Assert.NotNull(payload);
        var text = Encoding.UTF8.GetString(payload);
        Assert.DoesNotContain("$type", text);
        Assert.DoesNotContain("CustomerProfile", text);
        Assert.NotEqual((byte)'{', payload[0]);
    }
}
