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

    /// <summary>How many events the stored state held when this activation read it.</summary>
    Task<int> PendingAtActivation();

    /// <summary>Ends the activation normally (its OnDeactivateAsync runs).</summary>
    Task Deactivate();

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

    private int _pendingAtActivation;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pendingAtActivation = state.State.PendingEvents.Count;
        return Outbox.ActivateAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Outbox.SaveClearedAsync();

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

    public Task<int> PendingAtActivation() => Task.FromResult(_pendingAtActivation);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToString());
}
