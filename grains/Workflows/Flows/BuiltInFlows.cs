using OrderActors.Grains.Workflows.Roles;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Flows;

/// <summary>The flows every installation starts with (seeded once, then edited like any other).</summary>
public static class BuiltInFlows
{
    public const decimal HighValueThreshold = 1000m;

    public static IReadOnlyList<ProcessFlow> All { get; } =
    [
        StandardMarketplaceOrder(),
        HighValueApproval(),
        CancellationHandling(),
        ReturnHandling(),
    ];

    /// <summary>Accepting an order is a person's decision (customer service), so a new order stays New until then.</summary>
    private static IReadOnlyList<WorkflowStep> Acceptance() =>
    [
        new()
        {
            Id = "accept", Name = "Accept order", Type = StepType.Approval, AssignedRole = BuiltInRoles.CustomerService,
            Timeout = TimeSpan.FromHours(2), OnTimeout = TimeoutAction.Escalate, Next = "mark-accepted", OnRejected = "mark-rejected",
            Config = new() { Message = "Accept the order, or reject it with a reason." },
        },
        new() { Id = "mark-rejected", Name = "Rejected", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.Rejected } },
    ];

    private static IReadOnlyList<WorkflowStep> Fulfilment() =>
    [
        new() { Id = "mark-accepted", Name = "Accepted", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.Accepted }, Next = "start-work" },
        // The order's workflow status goes Accepted -> In progress -> Packed; packing straight from Accepted is refused.
        new() { Id = "start-work", Name = "In progress", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.InProgress }, Next = "pick-pack" },
        new()
        {
            Id = "pick-pack", Name = "Pick and pack", Type = StepType.Packing, AssignedRole = BuiltInRoles.Warehouse,
            Timeout = TimeSpan.FromHours(4), OnTimeout = TimeoutAction.Escalate, Next = "ship",
            Config = new() { Message = "Pick every item, scan it and pack it." },
        },
        new()
        {
            Id = "ship", Name = "Ship", Type = StepType.Ship, AssignedRole = BuiltInRoles.Warehouse,
            Timeout = TimeSpan.FromHours(8), OnTimeout = TimeoutAction.Escalate, OnFailure = FailureAction.ManualIntervention, Next = "complete",
            Config = new() { Message = "Hand the parcel to the carrier and enter the tracking number." },
        },
        new() { Id = "complete", Name = "Complete", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.Done } },
    ];

    public static ProcessFlow StandardMarketplaceOrder() => new()
    {
        Id = "standard-marketplace-order",
        Name = "Standard marketplace order",
        Description = "Accept, pick and pack, ship, complete.",
        Trigger = FlowTrigger.OrderReceived,
        Priority = 0,
        Steps = [.. Acceptance(), .. Fulfilment()],
    };

    public static ProcessFlow HighValueApproval() => new()
    {
        Id = "high-value-approval",
        Name = "High-value approval",
        Description = $"Orders of {HighValueThreshold} or more (in the order's currency) need a manager's approval first.",
        Trigger = FlowTrigger.OrderReceived,
        AppliesTo = $"grandTotal >= {HighValueThreshold}",
        Priority = 10,
        Steps =
        [
            new()
            {
                Id = "manager-approval", Name = "Manager approval", Type = StepType.Approval, AssignedRole = BuiltInRoles.Manager,
                Timeout = TimeSpan.FromHours(2), OnTimeout = TimeoutAction.Escalate, EscalateToRole = BuiltInRoles.Admin, Priority = 70,
                Next = "mark-accepted", OnRejected = "reject",
                Config = new() { Message = "Approve or reject this high-value order." },
            },
            new() { Id = "reject", Name = "Reject", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.Rejected }, Next = "tell-customer-service" },
            new()
            {
                Id = "tell-customer-service", Name = "Tell customer service", Type = StepType.Notify,
                Config = new() { Message = "A high-value order was rejected; contact the customer.", NotifyRoles = [BuiltInRoles.CustomerService] },
            },
            .. Fulfilment(),
        ],
    };

    public static ProcessFlow CancellationHandling() => new()
    {
        Id = "cancellation-handling",
        Name = "Cancellation handling",
        Description = "An order that arrives cancelled: hold it, stop fulfilment, confirm, close.",
        Trigger = FlowTrigger.OrderReceived,
        AppliesTo = "status == \"Cancelled\"",
        Priority = 100,
        Steps =
        [
            new() { Id = "hold", Name = "Hold", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.OnHold }, Next = "notify" },
            new()
            {
                Id = "notify", Name = "Notify warehouse", Type = StepType.Notify, Next = "confirm",
                Config = new() { Message = "Order cancelled: do not pick or ship it.", NotifyRoles = [BuiltInRoles.Warehouse, BuiltInRoles.CustomerService] },
            },
            new()
            {
                Id = "confirm", Name = "Confirm cancellation", Type = StepType.ManualTask, AssignedRole = BuiltInRoles.CustomerService,
                Timeout = TimeSpan.FromHours(24), OnTimeout = TimeoutAction.Escalate, Next = "close",
                Config = new() { Message = "Confirm that nothing was shipped and the customer was refunded by the platform." },
            },
            new() { Id = "close", Name = "Close", Type = StepType.SetStatus, Config = new() { Status = WorkflowStatus.Done } },
        ],
    };

    /// <summary>
    /// Approves a return automatically when it is worth less than the configured limit for its currency and every
    /// reason is a sellable one that needs no review; otherwise customer service approves or rejects it.
    /// </summary>
    public static ProcessFlow ReturnHandling() => new()
    {
        Id = "return-handling",
        Name = "Return handling",
        Description = "Approve low-value returns with sellable reasons automatically; a person decides the others.",
        Trigger = FlowTrigger.ReturnRequested,
        Priority = 0,
        Steps =
        [
            new()
            {
                Id = "automatic", Name = "Low value and sellable?", Type = StepType.Branch,
                Config = new()
                {
                    Condition = "returnValue < returnAutoApproveBelow and not returnReviewReason and not (returnReasons contains \"damaged\" " +
                        "or returnReasons contains \"defective\" or returnReasons contains \"not-as-described\" or returnReasons contains \"other\")",
                    WhenTrue = "approve-automatically",
                    WhenFalse = "approve-return",
                },
            },
            new()
            {
                Id = "approve-automatically", Name = "Approve automatically", Type = StepType.Approval, AutoExecute = true,
                Config = new() { Message = "low value, sellable reason" },
            },
            new()
            {
                Id = "approve-return", Name = "Approve return", Type = StepType.Approval, AssignedRole = BuiltInRoles.CustomerService,
                Timeout = TimeSpan.FromHours(24), OnTimeout = TimeoutAction.Escalate, EscalateToRole = BuiltInRoles.Manager, OnRejected = "tell-rejected",
                Config = new() { Message = "Approve or reject the return request (a reason is required to reject)." },
            },
            new()
            {
                Id = "tell-rejected", Name = "Tell customer service", Type = StepType.Notify,
                Config = new() { Message = "Return rejected: tell the customer why.", NotifyRoles = [BuiltInRoles.CustomerService] },
            },
        ],
    };
}
