using OrderActors.Orders;

namespace OrderActors.Grains.Returns;

/// <summary>
/// Decides whether a return needs a person. The lead routes this through the workflow engine's return flow at
/// merge; the default implementation applies value and reason rules and records an approval task.
/// </summary>
public interface IReturnApprovalGateway
{
    Task<ReturnApprovalDecision> RequestAsync(ReturnApprovalRequest request, CancellationToken cancellationToken = default);

    /// <summary>A person approved or rejected the return: closes its approval task.</summary>
    Task CompleteAsync(Guid returnId, bool approved, Actor actor, CancellationToken cancellationToken = default);
}

public sealed record ReturnApprovalRequest(Guid ReturnId, string RmaNumber, Guid OrderId, decimal Value, string Currency, IReadOnlyList<string> ReasonCodes, string Channel);

public sealed record ReturnApprovalDecision(bool AutoApproved, string Explanation);
