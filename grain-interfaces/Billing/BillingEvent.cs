using System.Text.Json.Serialization;

namespace OrderActors.Billing;

/// <summary>
/// An event recorded in the same state write as the change it describes (an outbox), so it cannot be lost with a
/// silo; the real-time feed drains it.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Billing.BillingEvent")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(InvoiceIssued), nameof(InvoiceIssued))]
[JsonDerivedType(typeof(PaymentRecorded), nameof(PaymentRecorded))]
public abstract record BillingEvent
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required Guid InvoiceId { get; init; }
    [Id(2)] public required Guid OrderId { get; init; }
    [Id(3)] public required DateTimeOffset At { get; init; }
}
