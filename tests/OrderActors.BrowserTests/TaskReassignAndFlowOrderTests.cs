using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OrderActors.BrowserTests.Infrastructure;
using OrderActors.Testing;

namespace OrderActors.BrowserTests;

/// <summary>An overseer hands a task to a clerk, who sees it arrive live with the order's number; a flow's steps reordered by dragging.</summary>
[Collection(DashboardCollection.Name)]
public sealed class TaskReassignAndFlowOrderTests(DashboardHost host)
{
    private const string ClerkPassword = "clerk-takes-over-the-task-3";
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = (float)Eventually.TotalMilliseconds };

    [Fact]
    public async Task An_admin_reassigns_a_managers_task_to_a_clerk_who_sees_it_live_in_the_inbox_by_platform_order_number_and_customer()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var account = $"reassign-{tag}";
        var platformOrderId = $"RSG-{tag}";
        await CreateTaskFlowAsync($"browser-reassign-{tag}", account);
        var (clerkId, clerkEmail) = await CreateClerkAsync(tag);
        var orderId = await host.CreateOrderAsync(platformOrderId, "Reassign Buyer", account: account);
        var taskId = await OpenTaskOfAsync(orderId);

        // The clerk's inbox: the task is in the Manager pool, not theirs.
        var clerk = await host.SignedInPageAsync(clerkEmail, ClerkPassword, new ViewportSize { Width = 1024, Height = 768 });
        await clerk.GotoAsync("/tasks");
        await DashboardHost.WaitForLiveAsync(clerk);
        await Assertions.Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "My tasks" })).ToBeVisibleAsync();
        var clerkRow = clerk.Locator($"[data-testid=inbox-row][data-task-id='{taskId}']");
        await Assertions.Expect(clerkRow).ToHaveCountAsync(0);
        // A clerk does not oversee tasks: no reassign control on the task either.
        await clerk.GotoAsync($"/orders/{orderId}");
        await DashboardHost.WaitForLiveAsync(clerk);
        await Assertions.Expect(clerk.GetByTestId("workflow-task")).ToHaveCountAsync(1);
        await Assertions.Expect(clerk.GetByTestId("task-reassign")).ToHaveCountAsync(0);
        await clerk.GotoAsync("/tasks");
        await DashboardHost.WaitForLiveAsync(clerk);

        // The admin, on the order's page: an empty choice is refused under the field; then the clerk is chosen.
        var admin = await host.SignedInPageAsync();
        await admin.GotoAsync($"/orders/{orderId}");
        await DashboardHost.WaitForLiveAsync(admin);
        var form = admin.Locator($"[data-testid=task-reassign][data-task-id='{taskId}']");
        await Assertions.Expect(form).ToBeVisibleAsync(Live);
        await form.GetByTestId("task-reassign-submit").ClickAsync();
        await Assertions.Expect(form.GetByTestId("task-reassign-error")).ToContainTextAsync("Choose a person or a role");
        await Assertions.Expect(form.GetByLabel("Reassign to")).ToHaveAttributeAsync("aria-invalid", "true");
        await form.GetByLabel("Reassign to").SelectOptionAsync($"user:{clerkId}");
        await form.GetByTestId("task-reassign-submit").ClickAsync();
        var task = admin.Locator($"[data-testid=workflow-task][data-task-id='{taskId}']");
        await Assertions.Expect(task).ToContainTextAsync("Assigned");
        await Assertions.Expect(task).ToContainTextAsync($"Clerk {tag}");
        await Assertions.Expect(admin.GetByRole(AriaRole.List, new() { Name = "Steps done" })).ToContainTextAsync("reassigned");
        await DashboardHost.AssertFitsTheWidthAsync(admin);
        await DashboardHost.ScreenshotAsync(admin, "task-reassign");
        // The task's own page names the new assignee as people know them.
        await admin.GotoAsync($"/tasks/{Uri.EscapeDataString(taskId)}");
        await DashboardHost.WaitForLiveAsync(admin);
        await Assertions.Expect(admin.GetByText($"assigned to Clerk {tag}")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("task-reassign")).ToBeVisibleAsync();

        // The clerk's inbox shows it without a reload, by what the clerk recognizes: platform, order number, customer.
        await Assertions.Expect(clerkRow).ToBeVisibleAsync(Live);
        await Assertions.Expect(clerkRow).ToContainTextAsync("Assigned (you)");
        var order = clerkRow.GetByTestId("inbox-order");
        await Assertions.Expect(order.GetByTestId("inbox-order-link")).ToHaveTextAsync(platformOrderId);
        await Assertions.Expect(order).ToContainTextAsync("Manual");
        await Assertions.Expect(order.GetByTestId("inbox-customer")).ToHaveTextAsync("Reassign Buyer");
        await DashboardHost.AssertFitsTheWidthAsync(clerk);
        await DashboardHost.ScreenshotAsync(clerk, "my-tasks-reassigned");
        await order.GetByTestId("inbox-order-link").ClickAsync();
        await clerk.WaitForURLAsync(url => url.EndsWith($"/orders/{orderId}", StringComparison.Ordinal));

        // The API: the same reassign again changes nothing; bad targets are refused naming the field.
        var again = await host.Api.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/reassign", new { userId = clerkId });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await AssertRefusedAsync(taskId, new { userId = "no-such-user" }, "userId");
        await AssertRefusedAsync(taskId, new { role = "NoSuchRole" }, "role");
        await AssertRefusedAsync(taskId, new { userId = clerkId, role = "Manager" }, "userId");
        using (var runs = JsonDocument.Parse(await host.Api.GetStringAsync($"/api/orders/{orderId}/workflows")))
        {
            var run = runs.RootElement.GetProperty("items")[0];
            Assert.Single(run.GetProperty("history").EnumerateArray(), h => h.GetProperty("outcome").GetString() == "reassigned");
            var reassigned = run.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == taskId);
            Assert.Equal(clerkId, reassigned.GetProperty("assignee").GetString());
        }

        // Someone who does not oversee tasks may not hand them on, not even the assignee.
        using (var asClerk = new HttpClient { BaseAddress = host.BaseAddress })
        {
            var token = await asClerk.PostAsJsonAsync("/api/auth/token", new { email = clerkEmail, password = ClerkPassword });
            using var issued = JsonDocument.Parse(await token.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            asClerk.DefaultRequestHeaders.Authorization = new("Bearer", issued.RootElement.GetProperty("accessToken").GetString());
            var refused = await asClerk.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/reassign", new { role = "Warehouse" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // Back to the Manager pool. The clerk opens the inbox from the overview's open tasks; the row leaves it without a
        // reload (the feed tells only the task's new holders, so the inbox's periodic re-read takes it out).
        await clerk.GotoAsync("/");
        await DashboardHost.WaitForLiveAsync(clerk);
        await clerk.GetByTestId("open-my-tasks").ClickAsync();
        await clerk.WaitForURLAsync(url => url.EndsWith("/tasks", StringComparison.Ordinal));
        await DashboardHost.WaitForLiveAsync(clerk);
        await Assertions.Expect(clerkRow).ToBeVisibleAsync();
        var toPool = await host.Api.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/reassign", new { role = "Manager" });
        Assert.Equal(HttpStatusCode.OK, toPool.StatusCode);
        using (var pooled = JsonDocument.Parse(await toPool.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Open", pooled.RootElement.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, pooled.RootElement.GetProperty("assignee").ValueKind);
            Assert.Equal(["Manager"], pooled.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }
        await Assertions.Expect(clerkRow).ToHaveCountAsync(0, new() { Timeout = (float)Eventually.TotalMilliseconds });
        await admin.Context.CloseAsync();
        await clerk.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_reassigns_a_task_from_the_inbox_row_and_the_row_leaves_for_the_clerks_inbox()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var account = $"inbox-reassign-{tag}";
        await CreateTaskFlowAsync($"browser-inbox-reassign-{tag}", account, role: "Admin");
        var (clerkId, clerkEmail) = await CreateClerkAsync(tag);
        var orderId = await host.CreateOrderAsync($"IRS-{tag}", "Inbox Reassign Buyer", account: account);
        var taskId = await OpenTaskOfAsync(orderId);

        // The admin's inbox lists the task of the Admin pool; its row offers to reassign, the form opens under it.
        var admin = await host.SignedInPageAsync();
        await admin.GotoAsync("/tasks");
        await DashboardHost.WaitForLiveAsync(admin);
        var row = admin.Locator($"[data-testid=inbox-row][data-task-id='{taskId}']");
        await Assertions.Expect(row).ToBeVisibleAsync(Live);
        await Assertions.Expect(admin.GetByTestId("task-reassign")).ToHaveCountAsync(0);
        await row.GetByTestId("inbox-reassign").ClickAsync();
        var form = admin.Locator($"[data-testid=inbox-reassign-row][data-task-id='{taskId}'] [data-testid=task-reassign]");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("inbox-reassign")).ToHaveAttributeAsync("aria-expanded", "true");
        await DashboardHost.AssertFitsTheWidthAsync(admin);
        await DashboardHost.ScreenshotAsync(admin, "my-tasks-reassign-row");

        // Handed to the clerk: it is no longer the admin's to do, so the row leaves the admin's inbox at once.
        await form.GetByLabel("Reassign to").SelectOptionAsync($"user:{clerkId}");
        await form.GetByTestId("task-reassign-submit").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(admin.GetByTestId("inbox-reassign-row")).ToHaveCountAsync(0);
        using (var runs = JsonDocument.Parse(await host.Api.GetStringAsync($"/api/orders/{orderId}/workflows")))
        {
            var task = runs.RootElement.GetProperty("items")[0].GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == taskId);
            Assert.Equal(clerkId, task.GetProperty("assignee").GetString());
            Assert.Equal("Assigned", task.GetProperty("status").GetString());
        }

        // The clerk finds it in their inbox, without a reassign action: a clerk does not oversee tasks.
        var clerk = await host.SignedInPageAsync(clerkEmail, ClerkPassword, new ViewportSize { Width = 1024, Height = 768 });
        await clerk.GotoAsync("/tasks");
        await DashboardHost.WaitForLiveAsync(clerk);
        var clerkRow = clerk.Locator($"[data-testid=inbox-row][data-task-id='{taskId}']");
        await Assertions.Expect(clerkRow).ToBeVisibleAsync(Live);
        await Assertions.Expect(clerkRow).ToContainTextAsync("Assigned (you)");
        await Assertions.Expect(clerk.GetByTestId("inbox-reassign")).ToHaveCountAsync(0);
        await admin.Context.CloseAsync();
        await clerk.Context.CloseAsync();
    }

    [Fact]
    public async Task Dragging_a_step_in_the_flow_builder_reorders_the_steps_and_the_saved_version_keeps_the_new_order()
    {
        var id = $"browser-drag-{Guid.NewGuid():N}"[..22];
        var created = await host.Api.PostAsJsonAsync("/api/workflows", new
        {
            id,
            name = "Browser drag flow",
            trigger = "OrderReceived",
            appliesTo = "account == \"browser-drag-only\"",
            active = false,
            steps = new object[]
            {
                new { id = "start", type = "SetStatus", config = new { status = "Accepted" }, next = "hold" },
                new { id = "hold", type = "SetStatus", config = new { status = "OnHold" }, next = "finish" },
                new { id = "finish", type = "SetStatus", config = new { status = "InProgress" } },
            },
        });
        Assert.True(created.IsSuccessStatusCode, $"POST /api/workflows answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");

        var page = await host.SignedInPageAsync();
        await page.GotoAsync($"/workflows/{id}/edit");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("flow-valid")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("step-pick")).ToHaveCountAsync(3);

        // Drag the last step onto the second row: it takes that place, and its links stay as they were.
        await page.Locator("[data-testid=step-row][data-step-id='finish'] [data-testid=step-handle]")
            .DragToAsync(page.Locator("[data-testid=step-row][data-step-id='hold']"));
        await Assertions.Expect(page.GetByTestId("step-pick").Nth(1)).ToHaveAttributeAsync("data-step-id", "finish");
        await Assertions.Expect(page.GetByTestId("step-pick").Nth(2)).ToHaveAttributeAsync("data-step-id", "hold");
        await Assertions.Expect(page.GetByTestId("step-pick").Nth(1)).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(page.GetByTestId("flow-valid")).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "workflow-builder-dragged");

        await page.GetByTestId("flow-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flow-save-message")).ToContainTextAsync("Saved as version 2");
        using var saved = JsonDocument.Parse(await host.Api.GetStringAsync($"/api/workflows/{id}"));
        Assert.Equal(2, saved.RootElement.GetProperty("version").GetInt32());
        var steps = saved.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["start", "finish", "hold"], steps.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal("finish", steps[2].GetProperty("next").GetString());
        Assert.Equal("hold", steps[0].GetProperty("next").GetString());
        await page.Context.CloseAsync();
    }

    private async Task AssertRefusedAsync(string taskId, object body, string field)
    {
        var response = await host.Api.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/reassign", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"reassign with {JsonSerializer.Serialize(body)} answered {(int)response.StatusCode}: {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"the problem does not name {field}: {text}");
    }

    private async Task<(string Id, string Email)> CreateClerkAsync(string tag)
    {
        var email = $"reassign-clerk-{tag}@dashboard.test";
        var response = await host.Api.PostAsJsonAsync("/api/users", new { email, displayName = $"Clerk {tag}", password = ClerkPassword, roles = new[] { "Warehouse" } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/users answered {(int)response.StatusCode}: {body}");
        return (JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!, email);
    }

    /// <summary>An active flow for one account only: one manual task for <paramref name="role"/>.</summary>
    private async Task CreateTaskFlowAsync(string id, string account, string role = "Manager")
    {
        var response = await host.Api.PostAsJsonAsync("/api/workflows", new
        {
            id,
            name = "Browser reassign",
            trigger = "OrderReceived",
            appliesTo = $"account == \"{account}\"",
            priority = 900,
            active = true,
            steps = new object[]
            {
                new { id = "check-address", name = "Check the address", type = "ManualTask", assignedRole = role, config = new { message = "Call the buyer about the address." } },
            },
        });
        Assert.True(response.IsSuccessStatusCode, $"POST /api/workflows answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> OpenTaskOfAsync(Guid orderId)
    {
        string? found = null;
        await Poll.UntilAsync(async () =>
        {
            using var document = JsonDocument.Parse(await host.Api.GetStringAsync($"/api/orders/{orderId}/workflows"));
            found = document.RootElement.GetProperty("items").EnumerateArray()
                .SelectMany(i => i.GetProperty("tasks").EnumerateArray())
                .Where(t => t.GetProperty("status").GetString() is "Open" or "Assigned")
                .Select(t => t.GetProperty("id").GetString())
                .FirstOrDefault();
            return found;
        }, id => id is not null, Eventually);
        return found!;
    }
}
