using OrderActors.Billing;

namespace OrderActors.Grains.Billing;

[GenerateSerializer, Alias("OrderActors.Grains.Billing.InvoiceState")]
public sealed class InvoiceState
{
    [Id(0)] public InvoiceDetails? Invoice { get; set; }

    [Id(1)] public List<BillingEvent> Outbox { get; set; } = [];

    /// <summary>Operation id -> id of the payment or credit note it created, so a retried command changes nothing.</summary>
    [Id(2)] public Dictionary<string, string> AppliedOperations { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public bool LinkedToOrder { get; set; }
}
