using OrderActors.Orders;

namespace OrderActors.Billing;

[GenerateSerializer, Immutable, Alias("OrderActors.Billing.IssueCreditNoteCommand")]
public sealed record IssueCreditNoteCommand(
    [property: Id(0)] string OperationId,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string Reason,
    [property: Id(3)] Guid? ReturnId,
    [property: Id(4)] RefundMethod RefundMethod,
    [property: Id(5)] Actor Actor);
