using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Gateways;

/// <summary>Where an approval step of a return flow (automatic or a person's task) approves or rejects the return.</summary>
public interface IReturnDecisionGateway
{
    /// <summary>Applies the decision to the return; a return that moved on meanwhile (cancelled, decided) is left as it is.</summary>
    Task DecideAsync(ReturnFacts returnFacts, bool approved, string? reason, string actorId);
}
