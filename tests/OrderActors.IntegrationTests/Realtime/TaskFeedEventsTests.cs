using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Events;
using OrderActors.IntegrationTests.Workflows;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>
/// Real workflow instances raise task events into the durable feed: the SignalR clients and the polling endpoint
/// give them only to the assignee, holders of the task's role and task overseers, and the open-task counters of
/// <c>StatsChanged</c> follow tasks as they open and close.
/// </summary>
public sealed class TaskFeedEventsTests(WorkflowApiFactory factory) : IClassFixture<WorkflowApiFactory>
{
    private const string Flow = "rt-task-events";
    private readonly WorkflowScenario _s = new(factory);

    [Fact]
    public async Task Task_events_reach_the_assignee_role_holders_and_overseers_only_and_move_the_open_task_counters()
    {
        await _s.CreateFlowAsync(Flow, [new { id = "pack", type = "ManualTask", assignedRole = "Packer" }]);
        var packerToken = FeedListener.Token(factory, "rt-packer", [Permissions.EventsRead, Permissions.TasksWork, Permissions.OrdersRead], "Packer");
        var outsiderToken = FeedListener.Token(factory, "rt-outsider", [Permissions.EventsRead, Permissions.TasksWork, Permissions.OrdersRead], "Warehouse");
        var overseerToken = FeedListener.Token(factory, "rt-overseer", [Permissions.EventsRead, Permissions.TasksWork, Permissions.OrdersRead, Permissions.WorkflowsManage]);
        await using var packer = await FeedListener.ConnectAsync(factory, packerToken);
        await using var outsider = await FeedListener.ConnectAsync(factory, outsiderToken);
        await using var overseer = await FeedListener.ConnectAsync(factory, overseerToken);
        var packersBefore = PackerCount(await overseer.Connection.InvokeAsync<JsonElement>("GetStats"));

        var orderId = await _s.CreateOrderAsync(Flow);
        var task = WorkflowScenario.OpenTask(await _s.WaitForInstanceAsync(orderId, Flow, WorkflowScenario.HasOpenTask));
        var taskId = task.GetProperty("id").GetString()!;

        var assigned = Assert.Single(
            await packer.WaitForEventsAsync(r => r.Any(e => IsTaskEvent(e, FeedEventTypes.WorkflowTaskAssigned, taskId))),
            e => IsTaskEvent(e, FeedEventTypes.WorkflowTaskAssigned, taskId));
        Assert.Equal(orderId, assigned.Message.GetProperty("orderId").GetGuid());
        Assert.Equal("Packer", assigned.Message.GetProperty("role").GetString());
        Assert.Equal("Manual", assigned.Message.GetProperty("platform").GetString());
        var payload = assigned.Message.GetProperty("payload");
        Assert.Equal("ManualTask", payload.GetProperty("stepType").GetString());
        Assert.Equal("pack", payload.GetProperty("stepId").GetString());
        Assert.Equal(["Packer"], payload.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("MYR", payload.GetProperty("currency").GetString());
        await overseer.WaitForEventAsync(assigned.EventId);
        await overseer.WaitForStatsAsync(s => PackerCount(s) == packersBefore + 1);

        using var packerHttp = Client(packerToken);
        Assert.Equal(HttpStatusCode.OK, (await packerHttp.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await packerHttp.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "done" })).StatusCode);

        var completed = (await packer.WaitForEventsAsync(r => r.Any(e => IsTaskEvent(e, FeedEventTypes.WorkflowTaskCompleted, taskId))))
            .Single(e => IsTaskEvent(e, FeedEventTypes.WorkflowTaskCompleted, taskId));
        Assert.Equal("rt-packer", completed.Message.GetProperty("assigneeUserId").GetString());
        Assert.Equal("rt-packer", completed.Message.GetProperty("payload").GetProperty("completedBy").GetString());
        Assert.Equal("done", completed.Message.GetProperty("payload").GetProperty("outcome").GetString());
        await overseer.WaitForEventAsync(completed.EventId);
        await overseer.WaitForStatsAsync(s => PackerCount(s) == packersBefore);

        // Delivery is in position order: once the marker arrived, the outsider was offered everything before it.
        var marker = TestEvents.Create(FeedEventTypes.AccountSyncFailed, requiredPermission: Permissions.EventsRead);
        await factory.Services.GetRequiredService<IClusterClient>().GetGrain<IEventFeedGrain>(IEventFeedGrain.Key).Append([marker]);
        var seenByOutsider = await outsider.WaitForEventAsync(marker.EventId);
        Assert.DoesNotContain(seenByOutsider, e => FeedEventTypes.IsTaskEvent(e.Type));
        Assert.Contains(seenByOutsider, e => e.Type == FeedEventTypes.OrderReceived && e.Message.GetProperty("orderId").GetGuid() == orderId);

        // The polling fallback applies the same rule.
        Assert.Equal(2, (await PollAsync(packerToken)).Count(e => TaskIdOf(e) == taskId));
        Assert.Equal(2, (await PollAsync(overseerToken)).Count(e => TaskIdOf(e) == taskId));
        Assert.DoesNotContain(await PollAsync(outsiderToken), e => TaskIdOf(e) == taskId);
    }

    private static bool IsTaskEvent(FeedListener.Received e, string type, string taskId) =>
        e.Type == type && e.Message.GetProperty("payload").TryGetProperty("taskId", out var id) && id.GetString() == taskId;

    private static string? TaskIdOf(JsonElement message) =>
        message.GetProperty("payload").ValueKind == JsonValueKind.Object && message.GetProperty("payload").TryGetProperty("taskId", out var id)
            ? id.GetString() : null;

    private static int PackerCount(JsonElement stats) =>
        stats.GetProperty("openTasksByRole").TryGetProperty("Packer", out var count) ? count.GetInt32() : 0;

    private HttpClient Client(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private async Task<List<JsonElement>> PollAsync(string token)
    {
        using var client = Client(token);
        return await FeedPages.ReadAllAsync(client);
    }
}
