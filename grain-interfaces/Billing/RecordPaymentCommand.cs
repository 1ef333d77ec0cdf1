using OrderActors.Orders;

namespace OrderActors.Billing;

/// <summary>Records a payment; a repeated <see cref="OperationId"/> records nothing and answers with the first result.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Billing.RecordPaymentCommand")]
public sealed record RecordPaymentCommand(
    [property: Id(0)] string OperationId,
    [property: Id(1)] PaymentMethod Method,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] decimal? Tendered,
    [property: Id(4)] string? Reference,
    [property: Id(5)] Actor Actor);
