namespace OrderActors.Workflows;

/// <summary>
/// Who is acting on a task: the user id and the roles the caller's token carries. <see cref="Oversees"/> is set by the
/// host only after it checked the caller's <c>workflows.manage</c> permission: overseers may reassign any open task.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.TaskCaller")]
public sealed record TaskCaller(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyList<string> Roles,
    [property: Id(2)] bool Oversees = false);
