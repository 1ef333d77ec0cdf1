using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>Helpers shared by the workflow API tests: flows, orders and waiting for instances, all over HTTP.</summary>
public sealed class WorkflowScenario
{
    private readonly WorkflowApiFactory _factory;

    public WorkflowScenario(WorkflowApiFactory factory)
    {
        _factory = factory;
        factory.EnsureStaff();
        Admin = factory.CreateUserClient("admin-1", ["Admin"], Permissions.All.ToArray());
    }

    public HttpClient Admin { get; }

    public HttpClient User(string id, params string[] roles) => _factory.CreateUserClient(id, roles, Permissions.TasksWork, Permissions.OrdersRead);

    /// <summary>Saves a flow that applies only to orders tagged with its id, above every built-in flow.</summary>
    public async Task<JsonElement> CreateFlowAsync(string id, object[] steps, string? appliesTo = null, string trigger = "OrderReceived")
    {
        var response = await Admin.PostAsJsonAsync("/api/workflows", new
        {
            id,
            name = $"Test {id}",
            trigger,
            appliesTo = appliesTo ?? $"tags contains '{id}'",
            priority = 900,
            steps,
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body;
    }

    public async Task<Guid> CreateOrderAsync(string tag, decimal unitPrice = 40m, bool withAddress = true, string? country = "MY")
    {
        var response = await Admin.PostAsJsonAsync("/api/orders", new
        {
            platform = "Manual",
            platformOrderId = $"WF-{Guid.NewGuid():N}",
            customer = new { name = "Test Customer" },
            currency = "MYR",
            items = new[] { new { sku = "SKU-A", name = "Item A", quantity = 2, unitPrice }, new { sku = "SKU-B", name = "Item B", quantity = 1, unitPrice } },
            shippingAddress = withAddress ? new { recipient = "T", line1 = "1 Jalan", city = "KL", country } : null,
            tags = new[] { tag },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The order's instance of <paramref name="flowId"/> once <paramref name="until"/> holds for it.</summary>
    public async Task<JsonElement> WaitForInstanceAsync(Guid orderId, string flowId, Func<JsonElement, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var list = await Admin.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/workflows");
            foreach (var item in list.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("flowId").GetString() == flowId)
                {
                    last = item;
                    if (until(item))
                    {
                        return item;
                    }
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Instance of {flowId} for order {orderId} did not reach the expected state; last seen: {last}");
    }

    public static JsonElement OpenTask(JsonElement instance) =>
        instance.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("status").GetString() is "Open" or "Assigned" or "Claimed");

    public static bool HasOpenTask(JsonElement instance) =>
        instance.GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("status").GetString() is "Open" or "Assigned" or "Claimed");

    public static string Status(JsonElement instance) => instance.GetProperty("status").GetString()!;

    public static IEnumerable<string> Path(JsonElement instance) =>
        instance.GetProperty("history").EnumerateArray().Select(h => $"{h.GetProperty("stepId").GetString()}:{h.GetProperty("outcome").GetString()}");

    public async Task<string> OrderWorkflowStatusAsync(Guid orderId) =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}")).GetProperty("workflowStatus").GetString()!;
}
