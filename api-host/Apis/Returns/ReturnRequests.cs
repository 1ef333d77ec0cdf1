namespace OrderActors.ApiHost.Apis.Returns;

/// <summary>The body of <c>POST /api/returns</c> (and <c>POST /api/pos/returns</c>).</summary>
public sealed record CreateReturnRequest(
    Guid? OrderId,
    string? Channel,
    string? Source,
    string? Location,
    List<ReturnItemRequest>? Items,
    string? Notes,
    string? PlatformReturnId);

public sealed record ReturnItemRequest(string? Sku, decimal Quantity, string? ReasonCode);

public sealed record ReturnNoteRequest(string? Note);

public sealed record ReturnReasonRequest(string? Reason);

public sealed record InspectReturnRequest(List<InspectionRequest>? Items);

public sealed record InspectionRequest(string? Sku, string? Condition, string? Notes);

public sealed record CompleteReturnRequest(string? Resolution);

public sealed record ReturnCreatedResponse(Guid Id, string RmaNumber, string Status, decimal RefundAmount, string Currency);
