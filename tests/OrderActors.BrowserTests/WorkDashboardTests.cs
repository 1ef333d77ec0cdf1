using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrderActors.BrowserTests.Infrastructure;
using OrderActors.Testing;

namespace OrderActors.BrowserTests;

/// <summary>My tasks, the packing screen and the workflow builder in headless chromium against the real api-host.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WorkDashboardTests(DashboardHost host)
{
    private const string MugBarcode = "4006381333931";
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = (float)Eventually.TotalMilliseconds };

    [Fact]
    public async Task A_packing_task_appears_live_and_is_completed_by_scanning_after_a_mismatch_warning()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var account = $"packing-{tag}";
        await CreatePackingFlowAsync($"browser-packing-{tag}", account);

        var page = await host.SignedInPageAsync();
        await page.GotoAsync("/tasks");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My tasks" })).ToBeVisibleAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        // The order starts the flow; its packing task reaches the open inbox through the event feed, without a reload.
        var orderId = await CreateOrderAsync(account, $"PACK-{tag}");
        await WaitForOpenPackingTaskAsync(orderId);
        var row = page.Locator($"[data-testid=inbox-row][data-order-id='{orderId}']");
        await Assertions.Expect(row).ToBeVisibleAsync(Live);
        await Assertions.Expect(row).ToContainTextAsync("Pack the order");
        Assert.Equal(0, navigations);
        await DashboardHost.ScreenshotAsync(page, "my-tasks");

        await row.GetByTestId("task-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("packing")).ToBeVisibleAsync();
        var scanBox = page.GetByLabel("Scan or type a SKU or barcode, then press Enter");
        await Assertions.Expect(scanBox).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("packing-instructions")).ToContainTextAsync("Wrap in bubble foil");
        var mug = page.Locator("[data-testid=packing-line][data-sku='MUG-1'] [data-testid=packing-count]");
        var tea = page.Locator("[data-testid=packing-line][data-sku='TEA-9'] [data-testid=packing-count]");
        var complete = page.GetByTestId("packing-complete");
        await Assertions.Expect(complete).ToBeDisabledAsync();

        // A keyboard-wedge scanner types into whatever has focus and presses Enter.
        await WedgeScanAsync(page, "WRONG-SKU");
        await Assertions.Expect(page.GetByTestId("scan-mismatch")).ToContainTextAsync("WRONG-SKU is not an item of this order");
        await Assertions.Expect(scanBox).ToBeFocusedAsync();
        await Assertions.Expect(scanBox).ToHaveValueAsync("");
        await DashboardHost.ScreenshotAsync(page, "packing-mismatch");

        await WedgeScanAsync(page, MugBarcode);
        await Assertions.Expect(mug).ToHaveTextAsync("1 / 2");
        await Assertions.Expect(page.GetByTestId("scan-ok")).ToBeVisibleAsync();
        await WedgeScanAsync(page, "MUG-1");
        await Assertions.Expect(mug).ToHaveTextAsync("2 / 2");

        // One too many of a SKU is a mismatch too, and changes nothing.
        await WedgeScanAsync(page, "MUG-1");
        await Assertions.Expect(page.GetByTestId("scan-mismatch")).ToContainTextAsync("all 2 of MUG-1 are already scanned");
        await Assertions.Expect(mug).ToHaveTextAsync("2 / 2");
        await Assertions.Expect(page.GetByTestId("mismatch-log")).ToContainTextAsync("2 mismatches");

        // On a tablet without a scanner: confirm a line by touch; focus goes back to the scan box.
        await page.Locator("[data-testid=packing-line][data-sku='TEA-9']").GetByRole(AriaRole.Button, new() { Name = "Confirm one" }).ClickAsync();
        await Assertions.Expect(tea).ToHaveTextAsync("1 / 1");
        await Assertions.Expect(scanBox).ToBeFocusedAsync();
        await Assertions.Expect(complete).ToBeEnabledAsync();
        await DashboardHost.ScreenshotAsync(page, "packing");

        await complete.ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-done")).ToContainTextAsync("Completed");
        Assert.Equal("Packed", await Poll.UntilAsync(() => host.WorkflowStatusAsync(orderId), s => s == "Packed", Eventually));
        await Assertions.Expect(page.GetByTestId("task-order-workflow")).ToHaveTextAsync("Packed", new() { Timeout = (float)Eventually.TotalMilliseconds });

        // The completed task leaves the inbox.
        await page.GotoAsync("/tasks");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator($"[data-testid=inbox-row][data-order-id='{orderId}']")).ToHaveCountAsync(0);

        // The order's page shows the run: the steps it went through and the packing task done by the clerk.
        await page.GotoAsync($"/orders/{orderId}");
        await DashboardHost.WaitForLiveAsync(page);
        var run = page.Locator($"[data-testid=workflow-run][data-flow-id='browser-packing-{tag}']");
        await Assertions.Expect(run.GetByTestId("workflow-run-status")).ToHaveTextAsync(Chip("Completed"), new() { Timeout = (float)Eventually.TotalMilliseconds });
        await Assertions.Expect(run.GetByRole(AriaRole.List, new() { Name = "Steps done" })).ToContainTextAsync("start-packing");
        await Assertions.Expect(run.GetByTestId("workflow-task")).ToContainTextAsync("Completed");
        await DashboardHost.AssertFitsTheWidthAsync(page);
        await DashboardHost.ScreenshotAsync(page, "order-workflow");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_approval_task_completes_with_a_typed_result_after_the_engine_asks_for_a_reason()
    {
        var orderId = await host.CreateOrderAsync($"APR-{Guid.NewGuid():N}"[..16], "Approval Buyer");
        var taskId = await OpenTaskOfAsync(orderId);
        var page = await host.SignedInPageAsync();

        // The order's page shows the running flow with its open task; the task opens from there.
        await page.GotoAsync($"/orders/{orderId}");
        await DashboardHost.WaitForLiveAsync(page);
        var task = page.Locator($"[data-testid=workflow-task][data-task-id='{taskId}']");
        await Assertions.Expect(page.Locator("[data-testid=workflow-run]", new() { Has = task }).GetByTestId("workflow-run-status")).ToHaveTextAsync(Chip("Running"));
        await task.GetByRole(AriaRole.Link, new() { Name = "Open" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/tasks/{Uri.EscapeDataString(taskId)}", StringComparison.Ordinal));
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approve or reject" })).ToBeVisibleAsync();

        // The engine's rule, shown as it says it: a rejection needs a reason. Nothing changes.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Reject", Exact = true }).CheckAsync();
        await page.GetByTestId("complete-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-message")).ToContainTextAsync("A rejection needs a reason.");
        Assert.Equal("New", await host.WorkflowStatusAsync(orderId));
        await DashboardHost.ScreenshotAsync(page, "task-approval");

        await page.GetByLabel("Reason (required to reject)").FillAsync("Customer asked to cancel by phone");
        await page.GetByTestId("complete-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-done")).ToContainTextAsync("rejected");
        Assert.Equal("Rejected", await Poll.UntilAsync(() => host.WorkflowStatusAsync(orderId), s => s == "Rejected", Eventually));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_flow_with_a_branch_shows_the_servers_validation_errors_then_saves_once_fixed()
    {
        var id = $"browser-branch-{Guid.NewGuid():N}"[..24];
        var page = await host.SignedInPageAsync();
        await page.GotoAsync("/workflows");
        await DashboardHost.WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=flow-row][data-flow-id='standard-marketplace-order']")).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "workflows");

        await page.GetByTestId("flow-new").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/workflows/new", StringComparison.Ordinal));
        await DashboardHost.WaitForLiveAsync(page);
        await CommitAsync(page.GetByLabel("Id (letters, digits, dashes)"), id);
        await CommitAsync(page.GetByTestId("flow-name"), "Browser branch flow");
        await page.GetByLabel("Applies to orders where (empty: every order)").FillAsync("account == \"browser-flow-only\"");

        // A branch after the first step: the validator asks for its condition and its yes-step.
        await page.GetByLabel("New step type").SelectOptionAsync("Branch");
        await page.GetByTestId("step-add").ClickAsync();
        var problems = page.GetByTestId("flow-problems");
        await Assertions.Expect(problems).ToContainTextAsync("A Branch step needs a condition.");
        await Assertions.Expect(problems).ToContainTextAsync("A Branch step needs whenTrue.");

        // A condition the server cannot parse: its message shows under the condition and in the list.
        var condition = page.GetByTestId("branch-condition");
        await condition.FillAsync("grandTotal >> 100");
        await Assertions.Expect(page.GetByTestId("branch-condition-problem")).ToContainTextAsync("Invalid condition");
        await Assertions.Expect(problems).ToContainTextAsync("steps[1].config.condition");
        await Assertions.Expect(page.Locator("[data-testid=flow-node].has-problem")).ToHaveCountAsync(1);
        await DashboardHost.ScreenshotAsync(page, "workflow-builder-invalid");

        // Saving is refused by the server with the same problems.
        await page.GetByTestId("flow-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flow-save-message")).ToContainTextAsync("Not saved");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Api.GetAsync($"/api/workflows/{id}")).StatusCode);

        // Fix: a valid condition, and a yes-step that holds the order.
        await condition.FillAsync("grandTotal >= 100");
        await Assertions.Expect(page.GetByTestId("branch-condition-problem")).ToHaveCountAsync(0);
        await page.GetByLabel("New step type").SelectOptionAsync("SetStatus");
        await page.GetByTestId("step-add").ClickAsync();
        await Assertions.Expect(problems).ToContainTextAsync("A SetStatus step needs a workflow status.");
        await page.GetByLabel("Workflow status to set").SelectOptionAsync("OnHold");
        await Assertions.Expect(page.GetByTestId("flow-valid")).ToBeVisibleAsync();

        // The graph draws the branch's yes-edge; the dry run takes it for a big order and the graph marks the path.
        await Assertions.Expect(page.Locator("[data-testid=flow-edge][data-from='branch-2'][data-to='set-status-3'][data-kind=true]")).ToHaveCountAsync(1);
        await CommitAsync(page.GetByTestId("dry-total"), "150");
        await page.GetByTestId("dry-run").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=dry-run-step][data-step-id='set-status-3']")).ToContainTextAsync("OnHold");
        await Assertions.Expect(page.Locator("[data-testid=flow-node].on-path")).ToHaveCountAsync(3);

        await page.GetByTestId("flow-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flow-save-message")).ToContainTextAsync("Saved as version 1");
        await DashboardHost.ScreenshotAsync(page, "workflow-builder");

        using (var saved = JsonDocument.Parse(await host.Api.GetStringAsync($"/api/workflows/{id}")))
        {
            var flow = saved.RootElement;
            Assert.Equal(1, flow.GetProperty("version").GetInt32());
            Assert.False(flow.GetProperty("active").GetBoolean());
            var steps = flow.GetProperty("steps");
            Assert.Equal(3, steps.GetArrayLength());
            Assert.Equal("Branch", steps[1].GetProperty("type").GetString());
            Assert.Equal("grandTotal >= 100", steps[1].GetProperty("config").GetProperty("condition").GetString());
            Assert.Equal("set-status-3", steps[1].GetProperty("config").GetProperty("whenTrue").GetString());
        }

        // Activate from the list, then deactivate again.
        await page.GotoAsync("/workflows");
        await DashboardHost.WaitForLiveAsync(page);
        var row = page.Locator($"[data-testid=flow-row][data-flow-id='{id}']");
        await Assertions.Expect(row.GetByTestId("flow-active")).ToHaveTextAsync(Chip("Inactive"));
        await row.GetByTestId("flow-toggle").ClickAsync();
        await Assertions.Expect(row.GetByTestId("flow-active")).ToHaveTextAsync(Chip("Active"));
        Assert.True(await ActiveAsync(id));
        await row.GetByTestId("flow-toggle").ClickAsync();
        await Assertions.Expect(row.GetByTestId("flow-active")).ToHaveTextAsync(Chip("Inactive"));
        Assert.False(await ActiveAsync(id));
        await page.Context.CloseAsync();
    }

    private static Regex Chip(string text) => new($"^\\s*{text}\\s*$");

    private static async Task WedgeScanAsync(IPage page, string code)
    {
        await page.Keyboard.TypeAsync(code, new() { Delay = 5 });
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Types a value and leaves the field, as a person does (the field commits on change).</summary>
    private static async Task CommitAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    /// <summary>Waits until the engine opened the packing task and the API's inbox lists it (so a UI failure is the UI's).</summary>
    private async Task WaitForOpenPackingTaskAsync(Guid orderId)
    {
        var workflows = "";
        try
        {
            await Poll.UntilAsync(async () =>
            {
                workflows = await host.Api.GetStringAsync($"/api/orders/{orderId}/workflows");
                var inbox = await host.Api.GetStringAsync("/api/tasks");
                return inbox.Contains(orderId.ToString(), StringComparison.OrdinalIgnoreCase);
            }, found => found, Eventually);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; workflows of the order: {workflows}", ex);
        }
    }

    /// <summary>The id of the first open task of the order's workflow, once the engine opened it.</summary>
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

    private async Task<bool> ActiveAsync(string id)
    {
        using var document = JsonDocument.Parse(await host.Api.GetStringAsync($"/api/workflows/{id}"));
        return document.RootElement.GetProperty("active").GetBoolean();
    }

    /// <summary>An active flow for one account only (so other tests' orders keep the standard flow): accept, start, then pack.</summary>
    private async Task CreatePackingFlowAsync(string id, string account)
    {
        var response = await host.Api.PostAsJsonAsync("/api/workflows", new
        {
            id,
            name = "Browser packing",
            trigger = "OrderReceived",
            appliesTo = $"account == \"{account}\"",
            priority = 900,
            active = true,
            steps = new object[]
            {
                new { id = "mark-accepted", type = "SetStatus", config = new { status = "Accepted" }, next = "start-packing" },
                // The order lifecycle allows Packed only after InProgress.
                new { id = "start-packing", type = "SetStatus", config = new { status = "InProgress" }, next = "pick-pack" },
                new
                {
                    id = "pick-pack", name = "Pick and pack", type = "Packing", assignedRole = "Admin",
                    config = new
                    {
                        message = "Pick every item, scan it and pack it.",
                        itemInstructions = new Dictionary<string, string> { ["MUG-1"] = "Wrap in bubble foil" },
                        barcodes = new Dictionary<string, string> { [MugBarcode] = "MUG-1" },
                    },
                },
            },
        });
        Assert.True(response.IsSuccessStatusCode, $"POST /api/workflows answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<Guid> CreateOrderAsync(string account, string platformOrderId)
    {
        var response = await host.Api.PostAsJsonAsync("/api/orders", new
        {
            platform = "Manual",
            accountId = account,
            platformOrderId,
            customer = new { name = "Packing Buyer", email = "packing@example.test" },
            currency = "USD",
            items = new[]
            {
                new { sku = "MUG-1", name = "Blue mug", quantity = 2, unitPrice = 12m },
                new { sku = "TEA-9", name = "Green tea", quantity = 1, unitPrice = 8m },
            },
            shippingFee = 5m,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/orders answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }
}
