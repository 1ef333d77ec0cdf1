using System.Net;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MySqlConnector;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using OrderActors.Hosting;

namespace OrderActors.IntegrationTests.Cluster;

/// <summary>Our membership schema behind the real Orleans ADO.NET clustering table, on deployments of its own.</summary>
[Collection(ClusterSiloCollection.Name)]
public sealed class MembershipContractTests(ClusterSiloFixture cluster)
{
    private static int _nextPort = 40_000;

    private async Task<(IMembershipTable Table, string ClusterId)> NewTableAsync(string? connectionString = null)
    {
        var clusterId = $"membership-{Guid.NewGuid():N}";
        var table = new AdoNetClusteringTable(
            cluster.Services,
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = cluster.Options.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = ClusterOrleansSetup.AdoNetInvariant, ConnectionString = connectionString ?? cluster.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        return (table, clusterId);
    }

    private static MembershipEntry Silo(SiloStatus status, DateTime? startedAt = null, int proxyPort = 30_000)
    {
        var port = Interlocked.Increment(ref _nextPort);
        var now = startedAt ?? DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 7),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = now,
            IAmAliveTime = now,
            SuspectTimes = [],
        };
    }

    private static async Task<bool> InsertAsync(IMembershipTable table, MembershipEntry entry)
    {
        var data = await table.ReadAllAsync(CancellationToken.None);
        return await table.InsertRowAsync(entry, data.Version.Next(), CancellationToken.None);
    }

    [Fact]
    public async Task A_new_deployment_has_no_members_and_version_0()
    {
        var (table, _) = await NewTableAsync();

        var data = await table.ReadAllAsync(CancellationToken.None);

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task Insert_needs_the_current_version_and_a_new_silo_and_a_failure_leaves_the_version()
    {
        var (table, _) = await NewTableAsync();
        var first = Silo(SiloStatus.Joining);
        var before = await table.ReadAllAsync(CancellationToken.None);

        Assert.True(await table.InsertRowAsync(first, before.Version.Next(), CancellationToken.None));
        Assert.False(await table.InsertRowAsync(Silo(SiloStatus.Joining), before.Version.Next(), CancellationToken.None));
        Assert.False(await InsertAsync(table, first));

        var after = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(1, after.Version.Version);
        var (entry, _) = Assert.Single(after.Members);
        Assert.Equal((first.SiloAddress, first.SiloName, first.HostName, SiloStatus.Joining, first.ProxyPort),
            (entry.SiloAddress, entry.SiloName, entry.HostName, entry.Status, entry.ProxyPort));
    }

    [Fact]
    public async Task Update_needs_the_current_version_and_an_existing_row()
    {
        var (table, _) = await NewTableAsync();
        var silo = Silo(SiloStatus.Joining);
        Assert.True(await InsertAsync(table, silo));
        var read = await table.ReadRowAsync(silo.SiloAddress, CancellationToken.None);
        var (entry, etag) = read.Members[0];

        entry.Status = SiloStatus.Active;
        entry.AddOrUpdateSuspector(Silo(SiloStatus.Active).SiloAddress, DateTime.UtcNow, 10);
        Assert.True(await table.UpdateRowAsync(entry, etag, read.Version.Next(), CancellationToken.None));
        entry.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(entry, etag, read.Version.Next(), CancellationToken.None));

        var current = await table.ReadAllAsync(CancellationToken.None);
        var missing = Silo(SiloStatus.Active);
        Assert.False(await table.UpdateRowAsync(missing, current.Version.VersionEtag, current.Version.Next(), CancellationToken.None));

        var after = await table.ReadRowAsync(silo.SiloAddress, CancellationToken.None);
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(SiloStatus.Active, after.Members[0].Item1.Status);
        Assert.Single(after.Members[0].Item1.SuspectTimes ?? []);
    }

    [Fact]
    public async Task Of_parallel_updates_on_one_version_exactly_one_wins()
    {
        var (table, _) = await NewTableAsync();
        var silo = Silo(SiloStatus.Joining);
        Assert.True(await InsertAsync(table, silo));
        var read = await table.ReadRowAsync(silo.SiloAddress, CancellationToken.None);
        var (entry, etag) = read.Members[0];
        entry.Status = SiloStatus.Active;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => table.UpdateRowAsync(entry, etag, read.Version.Next(), CancellationToken.None)));

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(2, (await table.ReadAllAsync(CancellationToken.None)).Version.Version);
    }

    [Fact]
    public async Task IAmAlive_changes_only_its_own_column()
    {
        var (table, _) = await NewTableAsync();
        var silo = Silo(SiloStatus.Active, startedAt: DateTime.UtcNow.AddMinutes(-5));
        Assert.True(await InsertAsync(table, silo));
        var alive = new DateTime(2030, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);

        silo.IAmAliveTime = alive;
        silo.Status = SiloStatus.Dead;
        await table.UpdateIAmAliveAsync(silo, CancellationToken.None);

        var after = await table.ReadRowAsync(silo.SiloAddress, CancellationToken.None);
        Assert.Equal(1, after.Version.Version);
        Assert.Equal((alive, SiloStatus.Active), (after.Members[0].Item1.IAmAliveTime, after.Members[0].Item1.Status));
    }

    [Fact]
    public async Task Clients_see_only_active_silos_with_a_gateway_as_gateways()
    {
        var (table, clusterId) = await NewTableAsync();
        var active = Silo(SiloStatus.Active, proxyPort: 31_001);
        Assert.True(await InsertAsync(table, active));
        Assert.True(await InsertAsync(table, Silo(SiloStatus.Joining, proxyPort: 31_002)));
        Assert.True(await InsertAsync(table, Silo(SiloStatus.Dead, proxyPort: 31_003)));
        Assert.True(await InsertAsync(table, Silo(SiloStatus.Active, proxyPort: 0)));
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            cluster.Services,
            Options.Create(new AdoNetClusteringClientOptions { Invariant = ClusterOrleansSetup.AdoNetInvariant, ConnectionString = cluster.ConnectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = cluster.Options.ServiceId }));
        await gateways.InitializeGatewayListProvider();

        var uris = await gateways.GetGateways();

        var uri = Assert.Single(uris);
        Assert.Equal(31_001, uri.Port);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cleanup_removes_only_dead_silos_older_than_the_cutoff(bool withPerSiloCleanupQuery)
    {
        var connectionString = cluster.ConnectionString;
        if (!withPerSiloCleanupQuery)
        {
            // Without the optional per-silo key Orleans falls back to the bulk cleanup query.
            connectionString = await (await Testing.MariaDbServer.GetSharedAsync()).CreateDatabaseAsync("cluster_cleanup");
            await new Database.SchemaMigrator(new Database.ReadModelDatabase(Database.SqlDialect.MySql, connectionString), NullLogger<Database.SchemaMigrator>.Instance).MigrateAsync();
            await using var db = new MySqlConnection(connectionString);
            await db.ExecuteAsync("DELETE FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntryKey'");
        }
        var (table, _) = await NewTableAsync(connectionString);
        var longAgo = DateTime.UtcNow.AddDays(-3);
        var oldDead = Silo(SiloStatus.Dead, startedAt: longAgo);
        var oldActive = Silo(SiloStatus.Active, startedAt: longAgo);
        var recentDead = Silo(SiloStatus.Dead);
        foreach (var silo in new[] { oldDead, oldActive, recentDead })
        {
            Assert.True(await InsertAsync(table, silo));
        }

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None);

        var left = (await table.ReadAllAsync(CancellationToken.None)).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new HashSet<SiloAddress> { oldActive.SiloAddress, recentDead.SiloAddress }, left);
    }
}
