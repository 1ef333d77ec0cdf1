using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains.Orders;
using OrderActors.Orders;
using OrderActors.Workflows;
using Orleans.Providers;
using Orleans.Storage;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// The workflow start of a new order is recorded in the order's own state write and handed to the starter until it
/// confirms: a silo lost right after that write does not lose the start, and a start handed over again does not start
/// a second instance, even when another flow of the trigger would be chosen by now.
/// </summary>
public sealed class DurableWorkflowStartTests(WorkflowApiFactory factory) : IClassFixture<WorkflowApiFactory>
{
    private readonly WorkflowScenario _s = new(factory);

    [Fact]
    public async Task A_start_stored_with_the_order_but_never_handed_over_is_started_when_the_order_is_next_activated()
    {
        var tag = $"durable-{Guid.NewGuid():N}"[..20];
        await _s.CreateFlowAsync(tag, [new { id = "tell", type = "Notify", config = new { message = "received", notifyRoles = new[] { "Warehouse" } } }]);
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var template = (await grains.GetGrain<IOrderGrain>(await _s.CreateOrderAsync(tag)).GetDetails())!;

        // Exactly what storage holds when the silo dies right after the new order's first write: the order with its
        // pending start, no activation anywhere, nothing started, nothing projected.
        var id = Guid.NewGuid();
        var order = template with { Id = id, PlatformOrderId = $"WF-{id:N}", Version = 1 };
        var storage = factory.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var stored = new OrderState { Order = order, AppliedOperations = ["crashed-create"], PendingWorkflowStarts = [FlowTrigger.OrderReceived] };
        await storage.WriteStateAsync("order", grains.GetGrain<IOrderGrain>(id).GetGrainId(), new GrainState<OrderState>(stored));

        // Any call activates the order, whose follow-up hands the start over (and projects it).
        Assert.NotNull(await grains.GetGrain<IOrderGrain>(id).GetDetails());
        var instance = await _s.WaitForInstanceAsync(id, tag, i => WorkflowScenario.Status(i) == "Completed");
        Assert.Equal(["tell:notified", "$end:Completed"], WorkflowScenario.Path(instance));
        Assert.Single(await InstancesAsync(id));
    }

    [Fact]
    public async Task A_start_handed_over_again_starts_no_second_instance_even_when_another_flow_now_applies()
    {
        var tag = $"repeat-{Guid.NewGuid():N}"[..20];
        var first = "z" + tag;
        await _s.CreateFlowAsync(first, [new { id = "tell", type = "Notify", config = new { message = "first", notifyRoles = new[] { "Warehouse" } } }], $"tags contains '{tag}'");
        var orderId = await _s.CreateOrderAsync(tag);
        await _s.WaitForInstanceAsync(orderId, first, _ => true);

        // A flow of the same trigger and priority that sorts first: a fresh start would now choose it.
        var second = "a" + tag;
        await _s.CreateFlowAsync(second, [new { id = "tell", type = "Notify", config = new { message = "second", notifyRoles = new[] { "Warehouse" } } }], $"tags contains '{tag}'");
        var starter = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IWorkflowStarterGrain>(0);

        Assert.Equal(WorkflowInstanceKey.For(orderId, first), await starter.Start(orderId, FlowTrigger.OrderReceived));
        Assert.Equal(WorkflowInstanceKey.For(orderId, first), await starter.Start(orderId, FlowTrigger.OrderReceived));
        Assert.Equal([first], (await InstancesAsync(orderId)).Select(i => i.GetProperty("flowId").GetString()));

        // A new order of the same tag gets the flow that now sorts first: the dedupe is per order, not per flow.
        var other = await _s.CreateOrderAsync(tag);
        await _s.WaitForInstanceAsync(other, second, _ => true);
        Assert.Single(await InstancesAsync(other));
    }

    private async Task<List<JsonElement>> InstancesAsync(Guid orderId) =>
        (await _s.Admin.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/workflows")).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("flowId").GetString()!.Contains("durable-") || i.GetProperty("flowId").GetString()!.Contains("repeat-"))
            .ToList();
}
