namespace OrderActors.Marketplaces;

/// <summary>
/// What became of one delivery of a batch: done (applied, or deliberately not applied, <see cref="Note"/> says why) or
/// to be tried again later (<see cref="RetryError"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.WebhookApplyOutcome")]
public sealed record WebhookApplyOutcome(
    [property: Id(0)] string? RetryError,
    [property: Id(1)] string? Note = null)
{
    public static WebhookApplyOutcome Done { get; } = new(RetryError: null);

    public bool Retry => RetryError is not null;
}
