using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>What a command did and the order afterwards.</summary>
public sealed record OrderCommandResponse(Guid Id, CommandOutcome Outcome, OrderDetails? Order);

/// <summary>The result of a bulk action for one order; <see cref="Problem"/> is set when it was not applied.</summary>
public sealed record BulkItemResult(Guid Id, int StatusCode, CommandOutcome? Outcome, string? Problem, OrderRuleViolation? Violation);

public sealed record BulkResponse(int Succeeded, int Failed, IReadOnlyList<BulkItemResult> Results);

public sealed record DuplicateListResponse(IReadOnlyList<ReadModel.DuplicateCandidateView> Items);
