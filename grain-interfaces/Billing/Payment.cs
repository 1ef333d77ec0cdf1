using OrderActors.Orders;

namespace OrderActors.Billing;

/// <summary>A recorded payment. For cash, <see cref="Tendered"/> is what was handed over and <see cref="Change"/> what was given back.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Billing.Payment")]
public sealed record Payment(
    [property: Id(0)] string Id,
    [property: Id(1)] PaymentMethod Method,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] decimal? Tendered,
    [property: Id(4)] decimal Change,
    [property: Id(5)] string? Reference,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] Actor Actor);
