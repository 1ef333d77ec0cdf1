namespace OrderActors.Workflows;

/// <summary>Where a task goes: to one person (assigned to them), or back to the open pool of one role. Exactly one is set.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.TaskReassignment")]
public sealed record TaskReassignment(
    [property: Id(0)] string? UserId,
    [property: Id(1)] string? Role)
{
    public static TaskReassignment ToUser(string userId) => new(userId, null);

    public static TaskReassignment ToRole(string role) => new(null, role);

    public string Describe() => UserId ?? $"the {Role} pool";
}
