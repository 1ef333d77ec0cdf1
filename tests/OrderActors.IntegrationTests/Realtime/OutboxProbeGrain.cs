using Microsoft.Extensions.Logging;
using OrderActors.Events;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>A real producer for the outbox tests: every change records one event with the state change.</summary>
public interface IOutboxProbeGrain : IGrainWithGuidKey
{
    /// <summary>Changes state and records an event; the hand-off to the feed follows the write.</summary>
    Task Raise(FeedEvent feedEvent);

    /// <summary>Changes state and records an event, then the activation ends before the hand-off (as if its silo died).</summary>
    Task RaiseAndDieBeforeHandOff(FeedEvent feedEvent);

    Task<int> PendingCount();

    /// <summary>The silo this activation runs on.</summary>
    Task<string> Silo();
}

[GenerateSerializer, Alias("OrderActors.IntegrationTests.OutboxProbeState")]
public sealed class OutboxProbeState : IHasEventOutbox
{
    [Id(0)] public List<FeedEvent> PendingEvents { get; set; } = [];

    [Id(1)] public int Changes { get; set; }
}

public sealed class OutboxProbeGrain(
    [PersistentState("outbox-probe")] IPersistentState<OutboxProbeState> state,
    ILocalSiloDetails silo,
    ILogger<OutboxProbeGrain> logger) : Grain, IOutboxProbeGrain
{
    private EventOutbox<OutboxProbeState>? _outbox;

    private EventOutbox<OutboxProbeState> Outbox => _outbox ??= new(this, state, GrainFactory, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Outbox.ActivateAsync();

    public async Task Raise(FeedEvent feedEvent)
    {
        state.State.Changes++;
        Outbox.Record(feedEvent);
        await state.WriteStateAsync();
        await Outbox.FlushAsync();
    }

    public async Task RaiseAndDieBeforeHandOff(FeedEvent feedEvent)
    {
        state.State.Changes++;
        Outbox.Record(feedEvent);
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    public Task<int> PendingCount() => Task.FromResult(state.State.PendingEvents.Count);

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToString());
}
