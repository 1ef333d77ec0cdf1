namespace OrderActors.Workflows;

/// <summary>Who is acting on a task: the user id and the roles the caller's token carries.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.TaskCaller")]
public sealed record TaskCaller(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyList<string> Roles);
