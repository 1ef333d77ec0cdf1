namespace OrderActors.Billing;

[GenerateSerializer, Immutable, Alias("OrderActors.Billing.ExternalBillingState")]
public sealed record ExternalBillingState(
    [property: Id(0)] ExternalBillingStatus Status,
    [property: Id(1)] int Attempts = 0,
    [property: Id(2)] string? LastError = null,
    [property: Id(3)] string? ExternalReference = null,
    [property: Id(4)] DateTimeOffset? SentAt = null);
