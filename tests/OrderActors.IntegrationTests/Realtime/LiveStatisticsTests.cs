using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrderActors.ApiHost.Security;
using OrderActors.Events;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Realtime;

public sealed class LiveStatisticsTests(LiveStatisticsTests.Factory factory) : IClassFixture<LiveStatisticsTests.Factory>
{
    /// <summary>Recounts every second so the test does not wait for the default interval.</summary>
    public sealed class Factory : ApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["OrderActors:Events:StatsRefreshInterval"] = "00:00:01",
        };
    }

    [Fact]
    public async Task New_orders_are_pushed_as_StatsChanged_to_order_readers_only()
    {
        var token = FeedListener.Token(factory, "dashboard", [Permissions.EventsRead, Permissions.OrdersRead, Permissions.OrdersWrite]);
        await using var dashboard = await FeedListener.ConnectAsync(factory, token);
        await using var warehouse = await FeedListener.ConnectAsync(factory, FeedListener.Token(factory, "warehouse", [Permissions.EventsRead, Permissions.TasksWork]));
        var before = ManualCount(await dashboard.Connection.InvokeAsync<JsonElement>("GetStats"));

        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var id in new[] { "STATS-1", "STATS-2" })
        {
            var body = $$"""
                {"platform":"Manual","platformOrderId":"{{id}}","customer":{"name":"Ana"},"currency":"MYR",
                 "items":[{"sku":"S","name":"N","quantity":1,"unitPrice":10}]}
                """;
            var created = await http.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement? pushed = null;
        while (pushed is null && DateTime.UtcNow < deadline)
        {
            pushed = dashboard.Messages.Where(m => m.Method == FeedEventTypes.StatsChanged).Select(m => (JsonElement?)m.Message)
                .LastOrDefault(m => ManualCount(m!.Value) == before + 2);
            await Task.Delay(50);
        }
        Assert.NotNull(pushed);
        Assert.Equal(FeedEventTypes.StatsChanged, pushed.Value.GetProperty("type").GetString());
        Assert.True(pushed.Value.GetProperty("position").GetInt64() >= 0);
        Assert.True(pushed.Value.GetProperty("byStatus").GetProperty("Pending").GetInt32() >= 2);
        Assert.DoesNotContain(warehouse.Messages, m => m.Method == FeedEventTypes.StatsChanged);
        await Assert.ThrowsAnyAsync<Exception>(() => warehouse.Connection.InvokeAsync<JsonElement>("GetStats"));
    }

    private static int ManualCount(JsonElement stats) =>
        stats.GetProperty("byPlatform").TryGetProperty("Manual", out var count) ? count.GetInt32() : 0;
}
