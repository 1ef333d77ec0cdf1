namespace OrderActors.Events;

/// <summary>Something that happened, as published on an Orleans stream. <see cref="Type"/> names it for clients.</summary>
public interface IDomainEvent
{
    /// <summary>The event's name, e.g. <c>OrderReceived</c>; clients dispatch on it.</summary>
    string Type { get; }

    /// <summary>A unique id, so a consumer can drop a redelivered event.</summary>
    Guid EventId { get; }

    DateTimeOffset At { get; }
}
