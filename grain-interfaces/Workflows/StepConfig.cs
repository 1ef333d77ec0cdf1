using OrderActors.Orders;

namespace OrderActors.Workflows;

/// <summary>
/// Type-specific settings of a step. Each step type reads only its own fields (listed per field);
/// the flow validator rejects a step whose type's required fields are missing.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.StepConfig")]
public sealed record StepConfig
{
    /// <summary>SetStatus: the workflow status to set.</summary>
    [Id(0)] public WorkflowStatus? Status { get; init; }

    /// <summary>Notify (and any task): the text shown to people.</summary>
    [Id(1)] public string? Message { get; init; }

    /// <summary>Notify: roles to notify.</summary>
    [Id(2)] public IReadOnlyList<string> NotifyRoles { get; init; } = [];

    /// <summary>Notify: users to notify.</summary>
    [Id(3)] public IReadOnlyList<string> NotifyUsers { get; init; } = [];

    /// <summary>Wait: how long to wait.</summary>
    [Id(4)] public TimeSpan? WaitFor { get; init; }

    /// <summary>Wait: wait until this time (UTC) instead.</summary>
    [Id(5)] public DateTimeOffset? WaitUntil { get; init; }

    /// <summary>Branch: the condition deciding the path.</summary>
    [Id(6)] public string? Condition { get; init; }

    /// <summary>Branch: the step taken when the condition holds.</summary>
    [Id(7)] public string? WhenTrue { get; init; }

    /// <summary>Branch: the step taken otherwise (null ends the flow).</summary>
    [Id(8)] public string? WhenFalse { get; init; }

    /// <summary>Packing: special instructions per SKU.</summary>
    [Id(9)] public IReadOnlyDictionary<string, string> ItemInstructions { get; init; } = new Dictionary<string, string>();

    /// <summary>Packing: barcodes that stand for a SKU when scanned.</summary>
    [Id(10)] public IReadOnlyDictionary<string, string> Barcodes { get; init; } = new Dictionary<string, string>();

    /// <summary>Ship: the carrier to request.</summary>
    [Id(11)] public string? Carrier { get; init; }

    /// <summary>Invoice: "invoice" (default) or "refund".</summary>
    [Id(12)] public string? InvoiceKind { get; init; }
}
