using Dapper;
using MySqlConnector;
using OrderActors.Testing;

namespace OrderActors.EndToEndTests.Cluster;

/// <summary>A silo and an api-host started while MariaDB is not up yet wait, say so, and join the cluster once it is.</summary>
public sealed class SiloBeforeDatabaseTests
{
    [Fact]
    public async Task A_silo_and_an_api_host_started_before_mariadb_join_once_it_is_up()
    {
        var port = FreePort.Next();
        const string database = "late_cluster";
        var connectionString = new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1",
            Port = (uint)port,
            UserID = "root",
            Password = "",
            Database = database,
        }.ConnectionString;
        var cluster = new ClusterProcesses(connectionString);
        MariaDbServer? lateServer = null;
        try
        {
            await cluster.All.ShowOutputOnFailureAsync(async () =>
            {
                var silo = cluster.StartSilo("early-silo");
                var api = cluster.StartApiHost("early-api-host");
                await silo.Process.WaitForOutputAsync("Database not reachable yet", TimeSpan.FromSeconds(60));
                await api.Process.WaitForOutputAsync("Database not reachable yet", TimeSpan.FromSeconds(60));

                lateServer = await MariaDbServer.StartThrowawayAsync(port);
                await lateServer.CreateNamedDatabaseAsync(database);

                await ClusterProcesses.WaitUntilReadyAsync(silo);
                await ClusterProcesses.WaitUntilReadyAsync(api);
                await using var db = new MySqlConnection(connectionString);
                Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM orleans_membership WHERE Status = 3"));
            });
        }
        finally
        {
            await cluster.DisposeAsync();
            if (lateServer is not null)
            {
                await lateServer.DisposeAsync();
            }
        }
    }
}
