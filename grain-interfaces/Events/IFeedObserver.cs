using Orleans.Concurrency;

namespace OrderActors.Events;

/// <summary>One per api-host: told of every committed batch, in position order per sender.</summary>
public interface IFeedObserver : IGrainObserver
{
    /// <summary>A committed batch (positions ascending). A notification may be lost: receivers read gaps from the log.</summary>
    [OneWay]
    Task OnCommitted(IReadOnlyList<FeedEvent> events);
}
