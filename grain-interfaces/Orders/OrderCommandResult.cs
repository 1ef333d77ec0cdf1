namespace OrderActors.Orders;

/// <summary>What a command did. <see cref="Violation"/> is set when a rule refused it (nothing changed then).</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.OrderCommandResult")]
public sealed record OrderCommandResult(
    [property: Id(0)] CommandOutcome Outcome,
    [property: Id(1)] OrderDetails? Order,
    [property: Id(2)] OrderRuleViolation? Violation = null)
{
    public bool Succeeded => Outcome is CommandOutcome.Applied or CommandOutcome.AlreadyApplied or CommandOutcome.Unchanged;
}

public enum CommandOutcome
{
    /// <summary>The command changed the order.</summary>
    Applied = 0,

    /// <summary>The operation id was applied before; nothing changed now.</summary>
    AlreadyApplied = 1,

    /// <summary>The order already was as the command asked.</summary>
    Unchanged = 2,

    /// <summary>A lifecycle rule refused the command; see the violation.</summary>
    Refused = 3,

    /// <summary>The order does not exist.</summary>
    NotFound = 4,
}
