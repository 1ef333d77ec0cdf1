namespace OrderActors.Returns;

/// <summary>What a command on a return did; <see cref="Field"/> names the offending input when it was refused.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Returns.ReturnCommandResult")]
public sealed record ReturnCommandResult(
    [property: Id(0)] ReturnCommandOutcome Outcome,
    [property: Id(1)] ReturnDetails? Return,
    [property: Id(2)] string? Error = null,
    [property: Id(3)] string? Field = null)
{
    public bool Succeeded => Outcome is ReturnCommandOutcome.Applied or ReturnCommandOutcome.Repeated;

    public static ReturnCommandResult Invalid(string field, string error, ReturnDetails? current = null) => new(ReturnCommandOutcome.Invalid, current, error, field);

    public static ReturnCommandResult Conflict(ReturnDetails current, string error) => new(ReturnCommandOutcome.Conflict, current, error);
}

public enum ReturnCommandOutcome
{
    Applied = 0,
    Repeated = 1,
    NotFound = 2,

    /// <summary>The input is wrong (400).</summary>
    Invalid = 3,

    /// <summary>The return's state does not allow the command (409).</summary>
    Conflict = 4,
}
