using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrderActors.EndToEndTests.Infrastructure;
using OrderActors.Testing;

namespace OrderActors.EndToEndTests.Embedded;

/// <summary>The real api-host process in embedded mode, killed with SIGKILL and started again on its data directory.</summary>
public sealed class EmbeddedKillRestartTests : IAsyncLifetime
{
    private const string UpkeepReminder = "storage-upkeep";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"oa-e2e-{Guid.NewGuid():N}");

    [Fact]
    public async Task An_order_and_a_registered_reminder_survive_kill_9_and_a_restart()
    {
        var platformOrderId = $"M-E2E-{Guid.NewGuid():N}"[..20];
        Guid orderId;
        ReminderRow reminderBefore;
        await using (var node = await StartApiHostAsync())
        {
            using var http = await ClientAsync(node.BaseAddress);
            var body = $$"""
                {"platform":"Manual","platformOrderId":"{{platformOrderId}}",
                 "customer":{"name":"Siti Rahman","email":"siti@example.com","phone":"+60123456789"},
                 "currency":"MYR","items":[{"sku":"TEE-RED-M","name":"Red tee M","quantity":2,"unitPrice":39.90}],
                 "shippingFee":5.00}
                """;
            using var created = await http.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}\n{node.Process.Output}");
            orderId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            // The node schedules its storage upkeep reminder while the silo starts.
            reminderBefore = await Poll.UntilAsync(() => ReadUpkeepReminderAsync(), r => r is not null, TimeSpan.FromSeconds(30))
                ?? throw new InvalidOperationException("unreachable");

            node.Process.Kill();
        }

        await using (var node = await StartApiHostAsync())
        {
            using var http = await ClientAsync(node.BaseAddress);
            using var detail = await http.GetAsync($"/api/orders/{orderId}");
            Assert.True(detail.StatusCode == HttpStatusCode.OK, $"{detail.StatusCode}: {await detail.Content.ReadAsStringAsync()}\n{node.Process.Output}");
            var order = await detail.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(platformOrderId, order.GetProperty("platformOrderId").GetString());
            Assert.Equal("Siti Rahman", order.GetProperty("customer").GetProperty("name").GetString());

            var list = await http.GetFromJsonAsync<JsonElement>("/api/orders?platform=Manual&limit=500");
            Assert.Contains(list.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == orderId);

            // The same row, not a new registration: a re-created reminder would start at a new time.
            var reminderAfter = await ReadUpkeepReminderAsync();
            Assert.Equal(reminderBefore, reminderAfter);
        }
    }

    private async Task<RunningNode> StartApiHostAsync()
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var process = DotnetProcess.Start(
            "api-host",
            RepositoryLayout.ApiHostDll,
            new Dictionary<string, string?>
            {
                ["OrderActors__Mode"] = "Embedded",
                ["OrderActors__DataDirectory"] = _dataDirectory,
                ["OrderActors__SiloPort"] = FreePort.Next().ToString(),
                ["OrderActors__GatewayPort"] = FreePort.Next().ToString(),
            }.Concat(TestTokens.Environment).ToDictionary(),
            "--urls", baseAddress.ToString().TrimEnd('/'));
        try
        {
            await process.WaitForHttpOkAsync(new Uri(baseAddress, "/health/ready").ToString(), StartTimeout);
            return new RunningNode(process, baseAddress);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static async Task<HttpClient> ClientAsync(Uri baseAddress)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        await TestTokens.SignInAsync(http);
        return http;
    }

    private async Task<ReminderRow?> ReadUpkeepReminderAsync()
    {
        var file = Path.Combine(_dataDirectory, "orderactors.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, start_at, period_ms, version FROM orleans_reminders WHERE reminder_name = $name";
        command.Parameters.AddWithValue("$name", UpkeepReminder);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new ReminderRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3))
            : null;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    private sealed record ReminderRow(string GrainId, string StartAt, long PeriodMs, long Version);

    private sealed record RunningNode(DotnetProcess Process, Uri BaseAddress) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
