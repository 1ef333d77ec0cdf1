using Microsoft.Extensions.Time.Testing;
using OrderActors.Grains.Workflows.Deadlines;
using OrderActors.Grains.Workflows.Engine;
using OrderActors.Grains.Workflows.Gateways;
using OrderActors.Grains.Workflows.Roles;
using OrderActors.Grains.Workflows.Tasks;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.UnitTests.Workflows;

/// <summary>
/// One engine over in-memory stand-ins for the order grain, the role store, billing, returns and the deadline shards,
/// with a fake clock; the shipment gateway is the real default.
/// </summary>
internal sealed class EngineHarness : IOrderGateway, IRoleCatalog, ITaskWorkload, IDeadlineScheduler, IInvoiceHook, IReturnDecisionGateway
{
    public List<string> Invoices { get; } = [];
    public List<string> VoidedInvoices { get; } = [];
    public List<(Guid ReturnId, bool Approved, string Actor)> ReturnDecisions { get; } = [];

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    public InstanceState State { get; } = new();
    public WorkflowStatus OrderStatus { get; private set; } = WorkflowStatus.New;
    public List<WorkflowStatus> StatusChanges { get; } = [];
    public Dictionary<string, DateTimeOffset> Deadlines { get; } = [];
    public Dictionary<string, List<string>> Members { get; } = new()
    {
        [BuiltInRoles.Warehouse] = ["wh-1", "wh-2"],
        [BuiltInRoles.Manager] = ["boss"],
        [BuiltInRoles.CustomerService] = ["cs-1"],
    };

    public WorkflowEngine Engine() => new(State, new WorkflowPorts(this, new RecordingShipmentGateway(Clock), this, this, this, this, this, Clock));

    public static OrderFacts Order(decimal total = 100m, string? country = "MY", bool address = true) => new()
    {
        OrderId = Guid.NewGuid(),
        Platform = SourcePlatform.Shopee,
        Account = "shop-1",
        GrandTotal = total,
        Currency = "MYR",
        ItemCount = 2,
        Skus = ["A", "B"],
        Items = [new OrderItem("A", "Item A", null, 1, 50m, 0m), new OrderItem("B", "Item B", null, 1, 50m, 0m)],
        Country = country,
        HasShippingAddress = address,
    };

    public async Task StartAsync(ProcessFlow flow, OrderFacts? order = null, bool uncertain = false) =>
        await Engine().StartAsync(WorkflowInstanceKey.For(Guid.NewGuid(), flow.Id), flow, order ?? Order(), uncertain);

    /// <summary>Moves the clock and delivers the deadlines that came, as the shards would.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        foreach (var (id, _) in Deadlines.Where(d => d.Value <= Clock.GetUtcNow()).OrderBy(d => d.Value).ToList())
        {
            Deadlines.Remove(id);
            await Engine().OnDeadlineAsync(id);
        }
    }

    public IEnumerable<string> Path => State.History.Select(h => $"{h.StepId}:{h.Outcome}");

    public WorkflowTask OpenTask => State.Tasks.Single(t => t.IsOpen);

    Task<OrderFacts?> IOrderGateway.GetFactsAsync(Guid orderId) => Task.FromResult<OrderFacts?>(State.Order);

    Task<WorkflowStatus> IOrderGateway.ChangeWorkflowStatusAsync(Guid orderId, string operationId, WorkflowStatus status, string actorId, string? reason)
    {
        var before = OrderStatus;
        OrderStatus = status;
        StatusChanges.Add(status);
        return Task.FromResult(before);
    }

    Task<string> IInvoiceHook.RequestAsync(string requestId, string kind, OrderFacts order)
    {
        var reference = $"{kind}:{requestId}";
        if (!Invoices.Contains(reference))
        {
            Invoices.Add(reference);
        }
        return Task.FromResult(reference);
    }

    Task IInvoiceHook.VoidAsync(string reference, OrderFacts order)
    {
        VoidedInvoices.Add(reference);
        return Task.CompletedTask;
    }

    Task IReturnDecisionGateway.DecideAsync(ReturnFacts returnFacts, bool approved, string? reason, string actorId)
    {
        ReturnDecisions.Add((returnFacts.ReturnId, approved, actorId));
        return Task.CompletedTask;
    }

    Task<IReadOnlySet<string>> IRoleCatalog.GetRolesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(BuiltInRoles.All.ToHashSet());

    Task<IReadOnlyList<string>> IRoleCatalog.GetAvailableUsersAsync(string role, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Members.GetValueOrDefault(role) ?? []);

    Task<IReadOnlyDictionary<string, int>> ITaskWorkload.GetOpenTaskCountsAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(State.Tasks.Where(t => t.IsOpen && t.Assignee is not null)
            .GroupBy(t => t.Assignee!).ToDictionary(g => g.Key, g => g.Count()));

    Task IDeadlineScheduler.ScheduleAsync(string deadlineId, string instanceKey, DateTimeOffset dueAt)
    {
        Deadlines[deadlineId] = dueAt;
        return Task.CompletedTask;
    }

    Task IDeadlineScheduler.CancelAsync(string deadlineId)
    {
        Deadlines.Remove(deadlineId);
        return Task.CompletedTask;
    }
}
