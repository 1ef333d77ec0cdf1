using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// An accept or reject by hand (the orders API, as the order page's buttons do) closes the standard flow's own accept
/// task with the same decision, recorded as decided outside the task, and the flow goes on; the order changes once.
/// </summary>
public sealed class OutsideDecisionTests(WorkflowApiFactory factory) : IClassFixture<WorkflowApiFactory>
{
    private const string Standard = "standard-marketplace-order";
    private readonly WorkflowScenario _s = new(factory);

    [Fact]
    public async Task Accepting_by_hand_closes_the_accept_task_and_the_flow_moves_on()
    {
        var (order, taskId) = await OrderWaitingOnAcceptAsync();

        var accepted = await _s.Admin.PostAsJsonAsync($"/api/orders/{order}/accept", new { reason = "phoned the buyer" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var instance = await _s.WaitForInstanceAsync(order, Standard, i => i.GetProperty("currentStep").GetString() == "pick-pack");
        var task = TaskOf(instance, taskId);
        Assert.Equal("Completed", task.GetProperty("status").GetString());
        Assert.Equal("approved", task.GetProperty("result").GetProperty("outcome").GetString());
        Assert.Equal("admin-1", task.GetProperty("completedBy").GetString());
        Assert.Equal(["accept:approved", "mark-accepted:Accepted", "start-work:InProgress"], WorkflowScenario.Path(instance).Take(3));
        var record = instance.GetProperty("history").EnumerateArray().First();
        Assert.Contains("decided outside the task", record.GetProperty("detail").GetString());
        Assert.Contains("phoned the buyer", record.GetProperty("detail").GetString());
        Assert.Equal("Packing", WorkflowScenario.OpenTask(instance).GetProperty("stepType").GetString());

        Assert.Equal("InProgress", await _s.OrderWorkflowStatusAsync(order));
        var entries = await WorkflowHistoryAsync(order);
        var accept = Assert.Single(entries, e => e.GetProperty("to").GetString() == "Accepted");
        Assert.Equal("User", accept.GetProperty("actor").GetProperty("kind").GetString());
        await WaitForInboxAsync(taskId, listed: false);

        // The flow does not rewind: it put the order in progress, so the accept can no longer be undone.
        Assert.Equal(HttpStatusCode.Conflict, (await _s.Admin.PostAsJsonAsync($"/api/orders/{order}/undo", new { })).StatusCode);
        Assert.Equal("InProgress", await _s.OrderWorkflowStatusAsync(order));
    }

    [Fact]
    public async Task Rejecting_by_hand_closes_the_accept_task_and_the_flow_takes_its_rejected_branch()
    {
        var (order, taskId) = await OrderWaitingOnAcceptAsync();

        var rejected = await _s.Admin.PostAsJsonAsync($"/api/orders/{order}/reject", new { reason = "out of stock" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        var instance = await _s.WaitForInstanceAsync(order, Standard, i => WorkflowScenario.Status(i) == "Completed");
        Assert.Equal(["accept:rejected", "mark-rejected:Rejected", "$end:Completed"], WorkflowScenario.Path(instance));
        var task = TaskOf(instance, taskId);
        Assert.Equal("Completed", task.GetProperty("status").GetString());
        Assert.Equal("rejected", task.GetProperty("result").GetProperty("outcome").GetString());
        Assert.False(WorkflowScenario.HasOpenTask(instance));

        Assert.Equal("Rejected", await _s.OrderWorkflowStatusAsync(order));
        Assert.Single(await WorkflowHistoryAsync(order), e => e.GetProperty("to").GetString() == "Rejected");
        await WaitForInboxAsync(taskId, listed: false);
    }

    [Fact]
    public async Task Accepting_through_the_task_still_accepts_once_through_the_flow()
    {
        var (order, taskId) = await OrderWaitingOnAcceptAsync();

        var done = await _s.User("cs-1", "CustomerService").PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "approved" });
        Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync());

        var instance = await _s.WaitForInstanceAsync(order, Standard, i => i.GetProperty("currentStep").GetString() == "pick-pack");
        Assert.Equal(["accept:approved", "mark-accepted:Accepted", "start-work:InProgress"], WorkflowScenario.Path(instance).Take(3));
        Assert.Equal("cs-1", TaskOf(instance, taskId).GetProperty("completedBy").GetString());
        var accept = Assert.Single(await WorkflowHistoryAsync(order), e => e.GetProperty("to").GetString() == "Accepted");
        Assert.Equal("Workflow", accept.GetProperty("actor").GetProperty("kind").GetString());
    }

    private async Task<(Guid Order, string TaskId)> OrderWaitingOnAcceptAsync()
    {
        // A tag no test flow applies to: the standard flow takes the order (its total is far below the high-value one).
        var order = await _s.CreateOrderAsync($"outside-{Guid.NewGuid():N}");
        var waiting = await _s.WaitForInstanceAsync(order, Standard, WorkflowScenario.HasOpenTask);
        var task = WorkflowScenario.OpenTask(waiting);
        Assert.Equal("accept", task.GetProperty("stepId").GetString());
        var taskId = task.GetProperty("id").GetString()!;
        await WaitForInboxAsync(taskId, listed: true);
        return (order, taskId);
    }

    private static JsonElement TaskOf(JsonElement instance, string taskId) =>
        instance.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == taskId);

    private async Task<List<JsonElement>> WorkflowHistoryAsync(Guid order) =>
        (await _s.Admin.GetFromJsonAsync<JsonElement>($"/api/orders/{order}")).GetProperty("history").EnumerateArray()
            .Where(h => h.GetProperty("kind").GetString() == "workflowStatus")
            .ToList();

    /// <summary>Waits until the clerks' inbox (the read model of open tasks) lists the task, or no longer lists it.</summary>
    private async Task WaitForInboxAsync(string taskId, bool listed)
    {
        var clerk = _s.User("cs-inbox", "CustomerService");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var inbox = await clerk.GetFromJsonAsync<JsonElement>("/api/tasks?limit=500");
            if (inbox.GetProperty("items").EnumerateArray().Any(t => t.GetProperty("id").GetString() == taskId) == listed)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"task {taskId} should {(listed ? "" : "no longer ")}be in the open tasks");
            await Task.Delay(100);
        }
    }
}
