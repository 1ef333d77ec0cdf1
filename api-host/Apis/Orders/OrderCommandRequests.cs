namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>Body of accept and reject.</summary>
public sealed record ReasonRequest
{
    public string? Reason { get; init; }
}

/// <summary>Body of <c>POST /api/orders/{id}/status</c>: the unified <c>status</c>, or the internal <c>workflowStatus</c>.</summary>
public sealed record StatusChangeRequest
{
    public string? Status { get; init; }
    public string? WorkflowStatus { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Body of <c>POST /api/orders/{id}/ship</c>: the carrier and tracking number (both required) and the label printed.</summary>
public sealed record ShipRequest
{
    public string? Carrier { get; init; }
    public string? TrackingNumber { get; init; }
    public string? LabelReference { get; init; }
}

/// <summary>Body of <c>POST /api/orders/{id}/notes</c>: notes (null clears them) and optionally the full tag list.</summary>
public sealed record NotesRequest
{
    public string? Notes { get; init; }
    public List<string>? Tags { get; init; }
}

/// <summary>Body of the duplicate confirm endpoint: which of the two orders stays primary (default: the one in the path).</summary>
public sealed record ConfirmDuplicateRequest
{
    public Guid? PrimaryId { get; init; }
}

/// <summary>Body of <c>POST /api/orders/bulk</c>: one action applied to many orders.</summary>
public sealed record BulkRequest
{
    /// <summary><c>accept</c>, <c>reject</c>, <c>undo</c>, <c>status</c>, <c>workflowStatus</c> or <c>notes</c>.</summary>
    public string? Action { get; init; }
    public List<Guid>? OrderIds { get; init; }
    public string? Reason { get; init; }
    public string? Status { get; init; }
    public string? WorkflowStatus { get; init; }
    public string? Notes { get; init; }
}
