using OrderActors.Grains.Workflows.Flows;
using OrderActors.Workflows;

namespace OrderActors.ApiHost.Apis.Workflows;

public sealed record FlowListItem(string Id, string Name, int Version, bool Active, FlowTrigger Trigger, int Priority);

public sealed record FlowList(IReadOnlyList<FlowListItem> Items);

public sealed record FlowVersionList(string Id, IReadOnlyList<ProcessFlow> Items);

public sealed record FlowValidationResponse(bool Valid, IReadOnlyList<FlowProblem> Problems);

/// <summary>The body of a dry run: a sample order (or an existing order's id), and approvals to treat as rejected.</summary>
public sealed record DryRunRequest
{
    public Guid? OrderId { get; init; }
    public SampleOrder? Order { get; init; }
    public int? Version { get; init; }
    public List<string>? RejectedApprovals { get; init; }

    /// <summary>The time the conditions see (hour, timeOfDay); now when absent.</summary>
    public DateTimeOffset? At { get; init; }
}

public sealed record SampleOrder
{
    public string? Platform { get; init; }
    public string? Account { get; init; }
    public decimal GrandTotal { get; init; }
    public string? Currency { get; init; }
    public int ItemCount { get; init; }
    public List<string>? Skus { get; init; }
    public List<string>? Tags { get; init; }
    public string? Country { get; init; }
    public string? Status { get; init; }
}

public sealed record DryRunResponse(string FlowId, int Version, bool Applies, string? Note, IReadOnlyList<DryRunStep> Path);

public sealed record OrderWorkflowList(Guid OrderId, IReadOnlyList<OrderWorkflowItem> Items);

public sealed record OrderWorkflowItem(
    string Key,
    string FlowId,
    int Version,
    InstanceStatus Status,
    string? CurrentStep,
    IReadOnlyList<StepRecord> History,
    IReadOnlyList<WorkflowTask> Tasks,
    IReadOnlyList<NotificationRecord> Notifications,
    ShipmentRecord? Shipment,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Body of <c>POST /api/tasks/{id}/reassign</c>: a person (<c>userId</c>) or a role's pool (<c>role</c>).</summary>
public sealed record ReassignRequest(string? UserId, string? Role = null);

public sealed record ScanRequest(string? Code);

public sealed record ScanResponse(bool Matched, string? Mismatch, WorkflowTask Task);
