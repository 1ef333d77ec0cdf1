namespace OrderActors.Events;

/// <summary>A grain state that carries the events recorded with its changes until the feed has them.</summary>
public interface IHasEventOutbox
{
    List<FeedEvent> PendingEvents { get; }
}
