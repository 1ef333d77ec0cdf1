using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Returns;

/// <summary>Return approval runs through the built-in "return handling" flow, both ways round.</summary>
public sealed class ReturnWorkflowTests(ReturnsApiFactory factory) : IClassFixture<ReturnsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(
        Permissions.PosUse, Permissions.ReturnsWrite, Permissions.ReturnsApprove, Permissions.OrdersRead);

    [Fact]
    public async Task A_low_value_return_with_a_sellable_reason_is_approved_by_the_flow_at_once()
    {
        var orderId = await CreatePosOrderAsync("R-WF-AUTO");
        var created = await (await CreateReturnAsync(orderId, "size-fit")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Approved", created.GetProperty("status").GetString());
        var instance = await WaitForReturnFlowAsync(_client, orderId, i => i.GetProperty("status").GetString() == "Completed");
        Assert.Contains(instance.GetProperty("history").EnumerateArray(), h => h.GetProperty("stepId").GetString() == "approve-automatically" && h.GetProperty("outcome").GetString() == "approved");
    }

    [Fact]
    public async Task Completing_the_approval_task_approves_the_return_and_clears_the_approval_queue()
    {
        var orderId = await CreatePosOrderAsync("R-WF-TASK");
        var returnId = (await (await CreateReturnAsync(orderId, "not-as-described")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("Requested", (await _client.GetFromJsonAsync<JsonElement>($"/api/returns/{returnId}")).GetProperty("status").GetString());

        var agent = await ClientForAsync("cs-returns", "CustomerService");
        var task = OpenTask(await WaitForReturnFlowAsync(agent, orderId, HasOpenTask));
        Assert.Equal("Approval", task.GetProperty("stepType").GetString());
        Assert.Contains("CustomerService", task.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var done = await agent.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome = "approved", notes = "photos fine" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        var returned = await _client.GetFromJsonAsync<JsonElement>($"/api/returns/{returnId}");
        Assert.Equal("Approved", returned.GetProperty("status").GetString());
        Assert.Contains("cs-returns", returned.GetProperty("history").EnumerateArray().Last().GetProperty("actor").ToString());
        var queue = await _client.GetFromJsonAsync<JsonElement>("/api/returns/approval-tasks?status=Open");
        Assert.DoesNotContain(queue.GetProperty("items").EnumerateArray(), t => t.GetProperty("reference").GetString() == returnId.ToString());
    }

    [Fact]
    public async Task Rejecting_through_the_returns_api_closes_the_workflow_task()
    {
        var orderId = await CreatePosOrderAsync("R-WF-API");
        var returnId = (await (await CreateReturnAsync(orderId, "damaged")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var task = OpenTask(await WaitForReturnFlowAsync(_client, orderId, HasOpenTask));

        var rejected = await _client.PostAsJsonAsync($"/api/returns/{returnId}/reject", new { reason = "outside the return window" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        var instance = await WaitForReturnFlowAsync(_client, orderId, i => i.GetProperty("status").GetString() != "Running");
        var closed = instance.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == task.GetProperty("id").GetString());
        Assert.Equal("Completed", closed.GetProperty("status").GetString());
        Assert.Contains(instance.GetProperty("history").EnumerateArray(), h => h.GetProperty("stepId").GetString() == "tell-rejected");
        Assert.Equal("Rejected", (await _client.GetFromJsonAsync<JsonElement>($"/api/returns/{returnId}")).GetProperty("status").GetString());
    }

    private static JsonElement OpenTask(JsonElement instance) =>
        instance.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("status").GetString() is "Open" or "Assigned" or "Claimed");

    private static bool HasOpenTask(JsonElement instance) =>
        instance.GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("status").GetString() is "Open" or "Assigned" or "Claimed");

    private static async Task<JsonElement> WaitForReturnFlowAsync(HttpClient client, Guid orderId, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/workflows");
            foreach (var item in list.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("flowId").GetString() == "return-handling"))
            {
                last = item;
                if (until(item))
                {
                    return item;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The return flow of order {orderId} did not reach the expected state; last seen: {last}");
    }

    private async Task<HttpClient> ClientForAsync(string userId, string role)
    {
        var token = await TestUsers.IssueTokenAsync(factory.Services, userId, [role], [Permissions.TasksWork, Permissions.OrdersRead]);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Task<HttpResponseMessage> CreateReturnAsync(Guid orderId, string reason) =>
        _client.PostAsJsonAsync("/api/returns", new { orderId, channel = "InStore", location = "STORE1-FLOOR", items = new[] { new { sku = "CUP-GREEN", quantity = 1, reasonCode = reason } } });

    private async Task<Guid> CreatePosOrderAsync(string receipt)
    {
        var json = $$"""
            {"platform":"Pos","platformOrderId":"{{receipt}}","terminalId":"T-01","storeId":"STORE1","customer":{"name":"Walk-in"},
             "currency":"IDR","items":[{"sku":"CUP-GREEN","name":"Cup","quantity":1,"unitPrice":55000}]}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pos/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", $"order-{receipt}");
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
