using OrderActors.Billing;

namespace OrderActors.Grains.Billing;

[GenerateSerializer, Alias("OrderActors.Grains.Billing.OrderBillingState")]
public sealed class OrderBillingState
{
    [Id(0)] public List<OrderInvoiceRef> Invoices { get; set; } = [];

    [Id(1)] public HashSet<Guid> NeedingManualBilling { get; set; } = [];
}
