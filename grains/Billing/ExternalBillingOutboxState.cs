namespace OrderActors.Grains.Billing;

[GenerateSerializer, Alias("OrderActors.Grains.Billing.ExternalBillingOutboxState")]
public sealed class ExternalBillingOutboxState
{
    [Id(0)] public List<Guid> Queued { get; set; } = [];
}
