namespace OrderActors.Events;

/// <summary>
/// One event of the global feed, in the form every producer hands to <see cref="IEventFeedGrain"/> and every
/// client receives. The scope fields say who may read it and let a connection narrow what it receives;
/// <see cref="Payload"/> is the JSON a client needs to render it without another call.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.FeedEvent")]
public sealed record FeedEvent
{
    /// <summary>Chosen by the producer when it records the event; appending the same id twice stores it once.</summary>
    [Id(0)] public required Guid EventId { get; init; }

    /// <summary>The event type, also the SignalR client method name: <c>OrderReceived</c>, <c>OrderStatusChanged</c>, ...</summary>
    [Id(1)] public required string Type { get; init; }

    [Id(2)] public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The permission a caller must hold to read the event (<c>orders.read</c>, <c>tasks.work</c>, ...).</summary>
    [Id(3)] public required string RequiredPermission { get; init; }

    /// <summary>The platform name (<c>Shopee</c>, <c>Shopify</c>, ...) the event concerns, if any.</summary>
    [Id(4)] public string? Platform { get; init; }

    [Id(5)] public Guid? OrderId { get; init; }

    /// <summary>The user a task is assigned to, for "own tasks" subscriptions and notifications.</summary>
    [Id(6)] public string? AssigneeUserId { get; init; }

    /// <summary>The role a task is queued for, for "role's tasks" subscriptions.</summary>
    [Id(7)] public string? Role { get; init; }

    /// <summary>A JSON object; "{}" when the type says everything.</summary>
    [Id(8)] public string Payload { get; init; } = "{}";

    /// <summary>The global position, assigned by the feed when the event is appended; 0 before that.</summary>
    [Id(9)] public long Position { get; init; }

    /// <summary>
    /// Every role whose holders may act on the task (the step's role, then an escalation role); for a task event
    /// they, its assignee and task overseers are the only readers. <see cref="Role"/> is the first of them.
    /// </summary>
    [Id(10)] public IReadOnlyList<string> Roles { get; init; } = [];
}
