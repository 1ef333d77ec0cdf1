namespace OrderActors.Orders;

/// <summary>
/// Why the order refused a command: an invalid transition (naming the current and requested state), an undo
/// outside its window, or a duplicate link that contradicts an existing one. The API answers it with 409.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.OrderRuleViolation")]
public sealed record OrderRuleViolation(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Kind = null,
    [property: Id(3)] string? Current = null,
    [property: Id(4)] string? Requested = null)
{
    public const string InvalidTransition = "invalid-transition";
    public const string NothingToUndo = "nothing-to-undo";
    public const string UndoWindowExpired = "undo-window-expired";
    public const string UndoSuperseded = "undo-superseded";
    public const string DuplicateConflict = "duplicate-conflict";
    public const string UnknownDuplicate = "unknown-duplicate";
    public const string AlreadyShipped = "already-shipped";

    public static OrderRuleViolation Transition(string kind, string current, string requested) =>
        new(InvalidTransition, $"{kind} cannot change from {current} to {requested}.", kind, current, requested);
}
