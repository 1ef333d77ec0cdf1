using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.Grains.Orders.Lifecycle;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>Every transition the tables forbid, for both states, is refused with 409 naming current and requested state.</summary>
public sealed class TransitionMatrixApiTests(OrdersApiFactory factory) : IClassFixture<OrdersApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(Permissions.OrdersRead, Permissions.OrdersWrite);

    public static TheoryData<string, string> ForbiddenStatusTransitions()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>().Where(to => to != from && !OrderStatusTransitions.IsAllowed(from, to)))
            {
                data.Add(from.ToString(), to.ToString());
            }
        }
        return data;
    }

    public static TheoryData<string, string> ForbiddenWorkflowTransitions()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Enum.GetValues<WorkflowStatus>())
        {
            foreach (var to in Enum.GetValues<WorkflowStatus>().Where(to => to != from && !WorkflowStatusTransitions.IsAllowed(from, to)))
            {
                data.Add(from.ToString(), to.ToString());
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ForbiddenStatusTransitions))]
    public async Task Forbidden_status_transition_is_a_409(string from, string to)
    {
        var id = await _client.CreateAsync(OrderRequests.Body("Manual", $"MX-S-{from}-{to}"));
        foreach (var step in Path(OrderStatus.Pending, Enum.Parse<OrderStatus>(from), OrderStatusTransitions.IsAllowed))
        {
            var moved = await _client.CommandAsync(id, "status", $$"""{"status":"{{step}}"}""");
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }
        var before = await _client.DetailAsync(id);

        var response = await _client.CommandAsync(id, "status", $$"""{"status":"{{to}}"}""");

        await AssertConflictAsync(response, "status", from, to);
        var after = await _client.DetailAsync(id);
        Assert.Equal(from, after.GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Theory]
    [MemberData(nameof(ForbiddenWorkflowTransitions))]
    public async Task Forbidden_workflow_transition_is_a_409(string from, string to)
    {
        var id = await _client.CreateAsync(OrderRequests.Body("Manual", $"MX-W-{from}-{to}"));
        foreach (var step in Path(WorkflowStatus.New, Enum.Parse<WorkflowStatus>(from), WorkflowStatusTransitions.IsAllowed))
        {
            var moved = await _client.CommandAsync(id, "status", $$"""{"workflowStatus":"{{step}}","reason":"setting up"}""");
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var response = to == nameof(WorkflowStatus.Accepted)
            ? await _client.CommandAsync(id, "accept", """{"reason":"try"}""")
            : to == nameof(WorkflowStatus.Rejected)
                ? await _client.CommandAsync(id, "reject", """{"reason":"try"}""")
                : await _client.CommandAsync(id, "status", $$"""{"workflowStatus":"{{to}}"}""");

        await AssertConflictAsync(response, "workflowStatus", from, to);
        Assert.Equal(from, (await _client.DetailAsync(id)).GetProperty("workflowStatus").GetString());
    }

    private static async Task AssertConflictAsync(HttpResponseMessage response, string kind, string from, string to)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(OrderRuleViolation.InvalidTransition, problem.GetProperty("code").GetString());
        Assert.Equal(kind, problem.GetProperty("kind").GetString());
        Assert.Equal(from, problem.GetProperty("current").GetString());
        Assert.Equal(to, problem.GetProperty("requested").GetString());
        Assert.Contains(from, problem.GetProperty("detail").GetString());
        Assert.Contains(to, problem.GetProperty("detail").GetString());
    }

    /// <summary>The shortest chain of allowed steps from <paramref name="start"/> to <paramref name="target"/>.</summary>
    private static List<T> Path<T>(T start, T target, Func<T, T, bool> allowed)
        where T : struct, Enum
    {
        var previous = new Dictionary<T, T>();
        var queue = new Queue<T>([start]);
        var seen = new HashSet<T> { start };
        while (queue.TryDequeue(out var state) && !state.Equals(target))
        {
            foreach (var next in Enum.GetValues<T>().Where(n => allowed(state, n) && seen.Add(n)))
            {
                previous[next] = state;
                queue.Enqueue(next);
            }
        }
        var path = new List<T>();
        for (var at = target; !at.Equals(start); at = previous[at])
        {
            path.Insert(0, at);
        }
        return path;
    }
}
