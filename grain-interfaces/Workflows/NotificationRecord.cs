namespace OrderActors.Workflows;

/// <summary>A notification a Notify step (or an escalation) recorded; the real-time work delivers it.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.NotificationRecord")]
public sealed record NotificationRecord(
    [property: Id(0)] string StepId,
    [property: Id(1)] IReadOnlyList<string> Roles,
    [property: Id(2)] IReadOnlyList<string> Users,
    [property: Id(3)] string Message,
    [property: Id(4)] DateTimeOffset At);
