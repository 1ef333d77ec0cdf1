namespace OrderActors.Marketplaces;

/// <summary>
/// What became of one delivery of a batch: done (applied, or deliberately not applied, <see cref="Note"/> says why),
/// to be tried again later (<see cref="RetryError"/>), or not started in this call (<see cref="Deferred"/>: handed
/// back at once, no attempt counted).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.WebhookApplyOutcome")]
public sealed record WebhookApplyOutcome(
    [property: Id(0)] string? RetryError,
    [property: Id(1)] string? Note = null,
    [property: Id(2)] bool Deferred = false)
{
    public static WebhookApplyOutcome Done { get; } = new(RetryError: null);

    public static WebhookApplyOutcome NotStarted { get; } = new(RetryError: null, "not started within the call's time budget", Deferred: true);

    public bool Retry => RetryError is not null;

    public bool Settled => !Retry && !Deferred;
}
