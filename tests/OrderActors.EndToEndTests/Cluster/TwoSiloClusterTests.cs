using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Xunit.Abstractions;
using MySqlConnector;
using OrderActors.Testing;

using OrderActors.EndToEndTests.Infrastructure;

namespace OrderActors.EndToEndTests.Cluster;

/// <summary>
/// The acceptance of cluster mode with real processes: two silos and an api-host (an Orleans client) on MariaDB.
/// Orders go into MariaDB (grain state and read model) and stay readable after one silo is killed with SIGKILL.
/// </summary>
public sealed partial class TwoSiloClusterTests(ITestOutputHelper output)
{
    private const int OrderCount = 8;

    [Fact]
    public async Task Orders_survive_kill_9_of_a_silo_and_are_read_through_the_survivor()
    {
        var connectionString = await (await MariaDbServer.GetSharedAsync()).CreateDatabaseAsync("e2e_cluster");
        await using var cluster = new ClusterProcesses(connectionString);
        await cluster.All.ShowOutputOnFailureAsync(async () =>
        {
            var phases = Stopwatch.StartNew();
            await cluster.MigrateAsync();
            output.WriteLine($"migrated after {phases.Elapsed}");
            var silo1 = cluster.StartSilo("silo-1");
            var silo2 = cluster.StartSilo("silo-2");
            var api = cluster.StartApiHost();
            await Task.WhenAll(ClusterProcesses.WaitUntilReadyAsync(silo1), ClusterProcesses.WaitUntilReadyAsync(silo2), ClusterProcesses.WaitUntilReadyAsync(api));
            output.WriteLine($"silos and api-host ready after {phases.Elapsed}");
            using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromSeconds(40) };
            await TestTokens.SignInAsync(http);

            // Several orders, so that both silos host some of the order grains.
            var ids = new List<Guid>();
            for (var i = 0; i < OrderCount; i++)
            {
                ids.Add(await CreateOrderAsync(http, $"E2E-{Guid.NewGuid():N}"[..16]));
            }

            output.WriteLine($"orders created after {phases.Elapsed}");
            await using (var db = new MySqlConnection(connectionString))
            {
                foreach (var id in ids)
                {
                    Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM orders WHERE id = @id", new { id = id.ToString() }));
                    var bytes = id.ToByteArray();
                    var stateVersion = await db.ExecuteScalarAsync<int?>(
                        "SELECT Version FROM orleans_grain_state WHERE GrainTypeString = 'order' AND GrainIdN0 = @n0 AND GrainIdN1 = @n1 AND PayloadBinary IS NOT NULL",
                        new { n0 = BitConverter.ToInt64(bytes, 0), n1 = BitConverter.ToInt64(bytes, 8) });
                    Assert.True(stateVersion >= 1, $"no grain state row for order {id}");
                }
                Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM orleans_membership WHERE Status = 3"));
            }

            // Kill the silo that hosts the most order grains, so their activations must move to the survivor.
            var hosted = new Dictionary<ClusterProcesses.Started, long>
            {
                [silo1] = await OrderActivationsAsync(http, silo1),
                [silo2] = await OrderActivationsAsync(http, silo2),
            };
            var (victim, survivor) = hosted[silo1] >= hosted[silo2] ? (silo1, silo2) : (silo2, silo1);
            Assert.True(hosted[victim] > 0, "no silo reports an order grain activation");
            output.WriteLine($"killing {victim.Process.Name}, which activated {hosted[victim]} order grains");
            victim.Process.Kill();
            var clock = Stopwatch.StartNew();

            foreach (var id in ids)
            {
                await WaitUntilReadableAsync(http, id, TimeSpan.FromSeconds(60));
            }
            var recovered = clock.Elapsed;
            output.WriteLine($"orders readable {recovered} after the kill");
            Assert.True(await OrderActivationsAsync(http, survivor) > hosted[survivor],
                "the survivor did not re-activate the order grains of the killed silo");
            await WaitUntilDeclaredDeadAsync(connectionString, TimeSpan.FromSeconds(30));
            Assert.True(recovered < TimeSpan.FromSeconds(30), $"orders were readable again only after {recovered.TotalSeconds:0.0} s");
        });
    }

    /// <summary>How many order grains a silo has activated, from its Prometheus <c>/metrics</c>.</summary>
    private static async Task<long> OrderActivationsAsync(HttpClient http, ClusterProcesses.Started silo)
    {
        var metrics = await http.GetStringAsync(silo.BaseUrl + "/metrics");
        return OrderActivationsCreated().Matches(metrics).Sum(m => long.Parse(m.Groups["count"].Value));
    }

    [GeneratedRegex(@"(?m)^orleans_catalog_activation_created_total\{[^}]*grain_type=""order""[^}]*\} (?<count>\d+)")]
    private static partial Regex OrderActivationsCreated();

    private static async Task<Guid> CreateOrderAsync(HttpClient http, string platformOrderId)
    {
        var body = $$"""
            {"platform":"Manual","platformOrderId":"{{platformOrderId}}",
             "customer":{"name":"Siti Rahman","email":"siti@example.com","phone":"+60123456789"},
             "currency":"MYR","items":[{"sku":"TEE-RED-M","name":"Red tee M","quantity":2,"unitPrice":39.90}],
             "shippingFee":5.00}
            """;
        using var response = await http.PostAsync("/api/orders", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/orders answered {(int)response.StatusCode}: {text}");
        Assert.NotNull(response.Headers.Location);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task WaitUntilReadableAsync(HttpClient http, Guid id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                using var response = await http.GetAsync($"/api/orders/{id}", cts.Token);
                if (response.IsSuccessStatusCode)
                {
                    var order = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.Equal(id, order.GetProperty("id").GetGuid());
                    Assert.Equal("Siti Rahman", order.GetProperty("customer").GetProperty("name").GetString());
                    return;
                }
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(200);
        }
        Assert.Fail($"order {id} was not readable within {timeout.TotalSeconds:0} s after the kill (last answer: {last})");
    }

    private static async Task WaitUntilDeclaredDeadAsync(string connectionString, TimeSpan timeout)
    {
        await using var db = new MySqlConnection(connectionString);
        var deadline = DateTime.UtcNow + timeout;
        while (await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM orleans_membership WHERE Status = 6") < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the killed silo was not declared dead in the membership table");
            await Task.Delay(250);
        }
    }
}
