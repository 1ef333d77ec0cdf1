using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;
using OrderActors.Workflows;

namespace OrderActors.IntegrationTests.Workflows;

public sealed class WorkflowApiTests(WorkflowApiFactory factory) : IClassFixture<WorkflowApiFactory>
{
    private readonly WorkflowScenario _s = new(factory);

    private static object SetStatus(string id, string status, string? next = null) => new { id, type = "SetStatus", config = new { status }, next };

    [Fact]
    public async Task Built_in_flows_are_seeded_and_listed()
    {
        var list = await _s.Admin.GetFromJsonAsync<JsonElement>("/api/workflows");
        var items = list.GetProperty("items").EnumerateArray().ToList();

        foreach (var id in new[] { "standard-marketplace-order", "high-value-approval", "cancellation-handling", "return-handling" })
        {
            var flow = items.Single(i => i.GetProperty("id").GetString() == id);
            Assert.True(flow.GetProperty("version").GetInt32() >= 1);
            Assert.True(flow.TryGetProperty("name", out _));
            Assert.True(flow.TryGetProperty("active", out _));
        }
    }

    [Fact]
    public async Task Flow_validation_errors_are_a_400_listing_every_problem_and_nothing_is_saved()
    {
        var response = await _s.Admin.PostAsJsonAsync("/api/workflows", new
        {
            id = "it-invalid",
            name = "Invalid",
            trigger = "OrderReceived",
            appliesTo = "weight > 2",
            steps = new object[]
            {
                new { id = "a", type = "Approval", assignedRole = "Astronaut", next = "b" },
                new { id = "b", type = "Branch", config = new { condition = "total >", whenTrue = "nowhere" } },
                new { id = "c", type = "SetStatus", config = new { status = "Done" }, next = "d" },
                new { id = "d", type = "Branch", config = new { condition = "total > 1", whenTrue = "c" } },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "appliesTo", "steps[0].assignedRole", "steps[1].config.condition", "steps[1].config.whenTrue", "steps[2].id", "steps[2].next" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await _s.Admin.GetAsync("/api/workflows/it-invalid")).StatusCode);

        var validate = await _s.Admin.PostAsJsonAsync("/api/workflows/validate", new { id = "x", name = "X", steps = new[] { new { id = "s", type = "Wait" } } });
        var verdict = await validate.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(verdict.GetProperty("valid").GetBoolean());
        Assert.Contains(verdict.GetProperty("problems").EnumerateArray(), p => p.GetProperty("field").GetString() == "steps[0].config.waitFor");
    }

    [Fact]
    public async Task Branching_follows_the_condition_for_each_order()
    {
        const string flow = "it-branching";
        await _s.CreateFlowAsync(flow,
        [
            new { id = "value", type = "Branch", config = new { condition = "grandTotal >= 500", whenTrue = "hold", whenFalse = "accept" } },
            SetStatus("hold", "OnHold"),
            SetStatus("accept", "Accepted"),
        ]);

        var big = await _s.CreateOrderAsync(flow, unitPrice: 300m);
        var small = await _s.CreateOrderAsync(flow, unitPrice: 10m);

        var bigRun = await _s.WaitForInstanceAsync(big, flow, i => WorkflowScenario.Status(i) == "Completed");
        var smallRun = await _s.WaitForInstanceAsync(small, flow, i => WorkflowScenario.Status(i) == "Completed");
        Assert.Equal(["value:true", "hold:OnHold", "$end:Completed"], WorkflowScenario.Path(bigRun));
        Assert.Equal(["value:false", "accept:Accepted", "$end:Completed"], WorkflowScenario.Path(smallRun));
        Assert.Equal("OnHold", await _s.OrderWorkflowStatusAsync(big));
        Assert.Equal("Accepted", await _s.OrderWorkflowStatusAsync(small));
    }

    [Fact]
    public async Task An_instance_keeps_its_version_after_the_flow_is_edited_and_new_orders_take_the_new_one()
    {
        const string flow = "it-versioning";
        await _s.CreateFlowAsync(flow,
        [
            new { id = "check", type = "ManualTask", assignedRole = "Manager", next = "accept" },
            SetStatus("accept", "Accepted"),
        ]);
        var first = await _s.CreateOrderAsync(flow);
        var running = await _s.WaitForInstanceAsync(first, flow, WorkflowScenario.HasOpenTask);
        Assert.Equal(1, running.GetProperty("version").GetInt32());

        var update = await _s.Admin.PutAsJsonAsync($"/api/workflows/{flow}", new
        {
            name = "Edited",
            trigger = "OrderReceived",
            appliesTo = $"tags contains '{flow}'",
            priority = 900,
            steps = new[] { SetStatus("hold", "OnHold") },
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(2, (await update.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var versions = await _s.Admin.GetFromJsonAsync<JsonElement>($"/api/workflows/{flow}/versions");
        Assert.Equal(2, versions.GetProperty("items").GetArrayLength());

        var task = WorkflowScenario.OpenTask(running).GetProperty("id").GetString();
        var boss = _s.User("boss", "Manager");
        Assert.Equal(HttpStatusCode.OK, (await boss.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "done" })).StatusCode);

        var finished = await _s.WaitForInstanceAsync(first, flow, i => WorkflowScenario.Status(i) == "Completed");
        Assert.Equal(1, finished.GetProperty("version").GetInt32());
        Assert.Equal(["check:done", "accept:Accepted", "$end:Completed"], WorkflowScenario.Path(finished));

        var second = await _s.CreateOrderAsync(flow);
        var newer = await _s.WaitForInstanceAsync(second, flow, i => WorkflowScenario.Status(i) == "Completed");
        Assert.Equal(2, newer.GetProperty("version").GetInt32());
        Assert.Equal(["hold:OnHold", "$end:Completed"], WorkflowScenario.Path(newer));
    }

    [Fact]
    public async Task Tasks_go_to_the_least_loaded_available_holder_of_the_role_in_the_identity_store()
    {
        const string flow = "it-identity-roles";
        var roles = factory.Services.GetRequiredService<RoleStore>();
        var users = factory.Services.GetRequiredService<UserStore>();
        var unknown = await _s.Admin.PostAsJsonAsync("/api/workflows/validate", new
        {
            id = flow, name = "v", trigger = "OrderReceived", steps = new[] { new { id = "count", type = "ManualTask", assignedRole = "StockCounter" } },
        });
        Assert.Contains("Unknown role 'StockCounter'", await unknown.Content.ReadAsStringAsync());

        await roles.UpsertAsync(new RoleDefinition("StockCounter", "counts stock", false, [Permissions.TasksWork]));
        Assert.True(await users.CreateAsync("counter-b", $"counter-b-{Guid.NewGuid():N}@staff.test", "Counter B", null, ["StockCounter"]));
        Assert.True(await users.CreateAsync("counter-a", $"counter-a-{Guid.NewGuid():N}@staff.test", "Counter A", null, ["StockCounter"]));
        Assert.True(await users.CreateAsync("counter-0", $"counter-0-{Guid.NewGuid():N}@staff.test", "Counter off", null, ["StockCounter"]));
        await users.SetDisabledAsync("counter-0", disabled: true);
        await _s.CreateFlowAsync(flow, [new { id = "count", type = "ManualTask", assignedRole = "StockCounter" }]);

        var first = WorkflowScenario.OpenTask(await _s.WaitForInstanceAsync(await _s.CreateOrderAsync(flow), flow, WorkflowScenario.HasOpenTask));
        Assert.Equal("counter-a", first.GetProperty("assignee").GetString());
        var second = WorkflowScenario.OpenTask(await _s.WaitForInstanceAsync(await _s.CreateOrderAsync(flow), flow, WorkflowScenario.HasOpenTask));
        Assert.Equal("counter-b", second.GetProperty("assignee").GetString());

        var inbox = await _s.User("counter-a", "StockCounter").GetFromJsonAsync<JsonElement>("/api/tasks");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == first.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Of_two_concurrent_claims_exactly_one_wins()
    {
        const string flow = "it-claims";
        await _s.CreateFlowAsync(flow, [new { id = "pack-note", type = "ManualTask", assignedRole = "Packer" }]);
        var order = await _s.CreateOrderAsync(flow);
        var task = WorkflowScenario.OpenTask(await _s.WaitForInstanceAsync(order, flow, WorkflowScenario.HasOpenTask)).GetProperty("id").GetString();
        var clients = Enumerable.Range(1, 6).Select(i => _s.User($"packer-{i}", "Packer")).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync($"/api/tasks/{task}/claim", null)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = await responses.Single(r => r.IsSuccessStatusCode).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Claimed", winner.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Task_access_is_refused_to_users_without_the_role_and_the_inbox_shows_only_theirs()
    {
        const string flow = "it-access";
        await _s.CreateFlowAsync(flow, [new { id = "approve", type = "Approval", assignedRole = "Manager", priority = 80, timeout = "01:00:00" }]);
        var order = await _s.CreateOrderAsync(flow);
        var task = WorkflowScenario.OpenTask(await _s.WaitForInstanceAsync(order, flow, WorkflowScenario.HasOpenTask));
        var id = task.GetProperty("id").GetString();
        Assert.Equal("boss", task.GetProperty("assignee").GetString());

        var outsider = _s.User("wh-1", "Warehouse");
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync($"/api/tasks/{id}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/tasks/{id}/complete", new { outcome = "approved" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/tasks/{id}")).StatusCode);
        var outsiderInbox = await outsider.GetFromJsonAsync<JsonElement>("/api/tasks");
        Assert.DoesNotContain(outsiderInbox.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == id);

        var boss = _s.User("boss", "Manager");
        var inbox = await boss.GetFromJsonAsync<JsonElement>("/api/tasks");
        var item = inbox.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal(order, item.GetProperty("orderId").GetGuid());
        Assert.Equal("Approval", item.GetProperty("stepType").GetString());
        Assert.Equal("boss", item.GetProperty("assignee").GetString());
        Assert.True(item.GetProperty("priority").GetInt32() >= 80);
        Assert.Equal(JsonValueKind.String, item.GetProperty("dueAt").ValueKind);

        var noReason = await boss.PostAsJsonAsync($"/api/tasks/{id}/complete", new { outcome = "rejected" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, (await boss.PostAsJsonAsync($"/api/tasks/{id}/complete", new { outcome = "rejected", reason = "suspicious" })).StatusCode);
        Assert.Equal("Rejected", WorkflowScenario.Status(await _s.WaitForInstanceAsync(order, flow, i => WorkflowScenario.Status(i) != "Running")));
    }

    [Fact]
    public async Task A_condition_that_cannot_be_evaluated_opens_a_manual_review_task()
    {
        const string flow = "it-review";
        await _s.CreateFlowAsync(flow,
        [
            new { id = "domestic", type = "Branch", config = new { condition = "country == 'MY'", whenTrue = "accept", whenFalse = "hold" } },
            SetStatus("accept", "Accepted"),
            SetStatus("hold", "OnHold"),
        ]);
        var order = await _s.CreateOrderAsync(flow, withAddress: false);

        var waiting = await _s.WaitForInstanceAsync(order, flow, WorkflowScenario.HasOpenTask);
        var review = WorkflowScenario.OpenTask(waiting);
        Assert.Equal("ManualReview", review.GetProperty("stepType").GetString());
        Assert.Equal("domestic", waiting.GetProperty("currentStep").GetString());

        var boss = _s.User("boss", "Manager");
        var done = await boss.PostAsJsonAsync($"/api/tasks/{review.GetProperty("id").GetString()}/complete", new { outcome = "true" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var finished = await _s.WaitForInstanceAsync(order, flow, i => WorkflowScenario.Status(i) == "Completed");
        Assert.Contains("accept:Accepted", WorkflowScenario.Path(finished));
    }

    [Fact]
    public async Task A_failed_step_compensates_the_completed_steps_and_opens_a_manual_intervention_task()
    {
        const string flow = "it-compensation";
        await _s.CreateFlowAsync(flow,
        [
            // Every status change follows the order's transition table, compensation included: OnHold -> Accepted is
            // allowed, Accepted -> New is not, so the first step's compensation is recorded as failed and left to a person.
            SetStatus("accept", "Accepted", next: "hold"),
            SetStatus("hold", "OnHold", next: "ship"),
            new { id = "ship", type = "Ship", autoExecute = true, onFailure = "Compensate", assignedRole = "Warehouse" },
        ]);
        var order = await _s.CreateOrderAsync(flow, withAddress: false);

        var failed = await _s.WaitForInstanceAsync(order, flow, WorkflowScenario.HasOpenTask);

        Assert.Equal(["accept:Accepted", "hold:OnHold", "ship:failed", "hold:compensated", "accept:compensation-failed"], WorkflowScenario.Path(failed));
        Assert.Equal("ManualIntervention", WorkflowScenario.OpenTask(failed).GetProperty("stepType").GetString());
        Assert.Equal("Accepted", await _s.OrderWorkflowStatusAsync(order));
        var history = (await _s.Admin.GetFromJsonAsync<JsonElement>($"/api/orders/{order}")).GetProperty("history").EnumerateArray()
            .Where(h => h.GetProperty("kind").GetString() == "workflowStatus").Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["Accepted", "OnHold", "Accepted"], history);
    }

    [Fact]
    public async Task An_invoice_step_issues_a_numbered_invoice_and_compensation_voids_it()
    {
        const string flow = "it-invoice";
        await _s.CreateFlowAsync(flow,
        [
            new { id = "bill", type = "Invoice", next = "ship" },
            new { id = "ship", type = "Ship", autoExecute = true, onFailure = "Compensate", assignedRole = "Warehouse" },
        ]);
        var order = await _s.CreateOrderAsync(flow, withAddress: false);

        var failed = await _s.WaitForInstanceAsync(order, flow, WorkflowScenario.HasOpenTask);

        Assert.Equal(["bill:invoice", "ship:failed", "bill:compensated"], WorkflowScenario.Path(failed));
        var reference = failed.GetProperty("history")[0].GetProperty("detail").GetString()!.Split(':');
        Assert.Equal("invoice", reference[0]);
        var invoice = await _s.Admin.GetFromJsonAsync<JsonElement>($"/api/invoices/{reference[1]}");
        Assert.Matches(@"^INV-[A-Z0-9-]+-\d{4}-\d{6}$", invoice.GetProperty("number").GetString());
        Assert.Equal(reference[2], invoice.GetProperty("number").GetString());
        Assert.Equal(order, invoice.GetProperty("orderId").GetGuid());
        Assert.Equal("Voided", invoice.GetProperty("status").GetString());
        var billing = await _s.Admin.GetFromJsonAsync<JsonElement>($"/api/orders/{order}/billing");
        Assert.Single(billing.GetProperty("invoices").EnumerateArray());
    }

    [Fact]
    public async Task Accepting_an_order_starts_its_order_accepted_flow_once()
    {
        const string flow = "it-accepted";
        await _s.CreateFlowAsync(flow, [new { id = "tell", type = "Notify", config = new { message = "accepted", notifyRoles = new[] { "Warehouse" } } }], trigger: "OrderAccepted");
        // An OrderReceived flow without an approval: the standard flow's accept task would take the accept by hand and
        // move the order on to InProgress, and the undo below would then be refused as superseded.
        await _s.CreateFlowAsync($"{flow}-received", [new { id = "look", type = "ManualTask", assignedRole = "Warehouse" }], $"tags contains '{flow}'");
        var order = await _s.CreateOrderAsync(flow);
        await _s.WaitForInstanceAsync(order, $"{flow}-received", WorkflowScenario.HasOpenTask);
        Assert.DoesNotContain((await _s.Admin.GetFromJsonAsync<JsonElement>($"/api/orders/{order}/workflows")).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("flowId").GetString() == flow);

        Assert.Equal(HttpStatusCode.OK, (await _s.Admin.PostAsJsonAsync($"/api/orders/{order}/accept", new { reason = "looks fine" })).StatusCode);

        var instance = await _s.WaitForInstanceAsync(order, flow, i => WorkflowScenario.Status(i) == "Completed");
        Assert.Equal(["tell:notified", "$end:Completed"], WorkflowScenario.Path(instance));
        Assert.Equal(HttpStatusCode.OK, (await _s.Admin.PostAsJsonAsync($"/api/orders/{order}/undo", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _s.Admin.PostAsJsonAsync($"/api/orders/{order}/accept", new { reason = "again" })).StatusCode);
        var instances = (await _s.Admin.GetFromJsonAsync<JsonElement>($"/api/orders/{order}/workflows")).GetProperty("items").EnumerateArray();
        Assert.Single(instances, i => i.GetProperty("flowId").GetString() == flow);
    }

    [Fact]
    public async Task An_overdue_task_is_escalated_by_the_deadline_shards()
    {
        const string flow = "it-escalation";
        await _s.CreateFlowAsync(flow,
        [
            new { id = "pick", type = "ManualTask", assignedRole = "Warehouse", timeout = "00:00:02", onTimeout = "Escalate" },
        ]);
        var order = await _s.CreateOrderAsync(flow);
        var opened = WorkflowScenario.OpenTask(await _s.WaitForInstanceAsync(order, flow, WorkflowScenario.HasOpenTask));
        Assert.StartsWith("wh-", opened.GetProperty("assignee").GetString());

        var escalated = await _s.WaitForInstanceAsync(order, flow,
            i => WorkflowScenario.OpenTask(i).GetProperty("escalations").GetInt32() >= 1, TimeSpan.FromSeconds(15));

        var task = WorkflowScenario.OpenTask(escalated);
        Assert.Equal("boss", task.GetProperty("assignee").GetString());
        Assert.Contains("Manager", task.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(task.GetProperty("priority").GetInt32() > opened.GetProperty("priority").GetInt32());
        Assert.Contains(escalated.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "Manager"));

        // The shard counts a deadline as fired once the instance has handled it, so this may lag the escalation a little.
        var orleans = factory.Services.GetRequiredService<IClusterClient>();
        var until = DateTime.UtcNow.AddSeconds(10);
        long fired;
        do
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => orleans.GetGrain<IDeadlineShardGrain>(i).GetStatus()));
            fired = statuses.Sum(s => s.Fired);
        }
        while (fired == 0 && DateTime.UtcNow < until && await Task.Delay(100).ContinueWith(_ => true));
        Assert.True(fired >= 1, "a shard should have fired the deadline");
    }

    [Fact]
    public async Task Packing_through_the_api_confirms_items_by_scan_and_advances_the_order_to_packed()
    {
        const string flow = "it-packing";
        await _s.CreateFlowAsync(flow,
        [
            // Packing needs an accepted order in progress (the order's transition table: New -> Accepted -> InProgress -> Packed).
            SetStatus("accept", "Accepted", next: "start"),
            SetStatus("start", "InProgress", next: "pack"),
            new { id = "pack", type = "Packing", assignedRole = "Warehouse", config = new { itemInstructions = new Dictionary<string, string> { ["SKU-A"] = "Bubble wrap" } } },
        ]);
        var order = await _s.CreateOrderAsync(flow);
        var task = WorkflowScenario.OpenTask(await _s.WaitForInstanceAsync(order, flow, WorkflowScenario.HasOpenTask));
        var id = task.GetProperty("id").GetString();
        var packer = _s.User(task.GetProperty("assignee").GetString()!, "Warehouse");
        Assert.Contains(task.GetProperty("packing").EnumerateArray(), l => l.GetProperty("instructions").GetString() == "Bubble wrap");

        var mismatch = await (await packer.PostAsJsonAsync($"/api/tasks/{id}/scan", new { code = "SKU-Z" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(mismatch.GetProperty("matched").GetBoolean());
        foreach (var code in new[] { "SKU-A", "SKU-A", "SKU-B" })
        {
            var scan = await (await packer.PostAsJsonAsync($"/api/tasks/{id}/scan", new { code })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(scan.GetProperty("matched").GetBoolean());
        }
        Assert.Equal(HttpStatusCode.OK, (await packer.PostAsJsonAsync($"/api/tasks/{id}/complete", new { outcome = "done" })).StatusCode);

        await _s.WaitForInstanceAsync(order, flow, i => WorkflowScenario.Status(i) == "Completed");
        Assert.Equal("Packed", await _s.OrderWorkflowStatusAsync(order));
    }

    [Fact]
    public async Task Dry_run_shows_the_path_a_sample_order_would_take()
    {
        var big = await _s.Admin.PostAsJsonAsync("/api/workflows/high-value-approval/dry-run", new { order = new { grandTotal = 5000, currency = "MYR", country = "MY" } });
        var small = await _s.Admin.PostAsJsonAsync("/api/workflows/high-value-approval/dry-run", new { order = new { grandTotal = 50, currency = "MYR" } });
        var rejected = await _s.Admin.PostAsJsonAsync("/api/workflows/high-value-approval/dry-run", new { order = new { grandTotal = 5000 }, rejectedApprovals = new[] { "manager-approval" } });

        var bigRun = await big.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(bigRun.GetProperty("applies").GetBoolean());
        Assert.Equal(["manager-approval", "mark-accepted", "start-work", "pick-pack", "ship", "complete"], bigRun.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("stepId").GetString()));
        Assert.False((await small.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applies").GetBoolean());
        Assert.Equal(["manager-approval", "reject", "tell-customer-service"],
            (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").EnumerateArray().Select(p => p.GetProperty("stepId").GetString()));
    }
}
